package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void parsesIgnoringCase() {
        assertEquals(OutputFormat.TEXT, OutputFormat.parse("text"));
        assertEquals(OutputFormat.HEX, OutputFormat.parse("HEX"));
        assertEquals(OutputFormat.JSON, OutputFormat.parse("Json"));
        assertEquals(OutputFormat.PCAP, OutputFormat.parse("pCaP"));
        for (OutputFormat f : OutputFormat.values()) {
            assertEquals(f, OutputFormat.parse(f.cliName()));
        }
    }

    @Test
    void refusesUnknownNames() {
        assertEquals("unknown format 'x' (expected text, hex, json, pcap or pcapng)",
                assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("x"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse(""));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse(null));
        assertThrows(IllegalArgumentException.class, () -> OutputFormat.parse("pcap-ng"));
    }
}
