package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rawsock.testing.RequiresRoot;

/**
 * The live status line of a paced send: shown, and rewritten in place, only when stderr is a
 * terminal (a pseudo-terminal from util-linux's script), never in a pipe or a file.
 */
@RequiresRoot
class TerminalIT {
    private static final String SEND = "send -p udp -d 127.0.0.1 --dport 9 --rate 20 -c 30";

    @Test
    void aTerminalSeesTheStatusLineRewrittenThenTheSummary() throws Exception {
        Object[] run = ToolProcess.sh("script -qec '" + ToolProcess.shell(SEND) + "' /dev/null", 60);
        String terminal = (String) run[1];
        assertEquals(0, run[0], terminal);
        // Progress lines start with a carriage return and count fewer packets than the run sends.
        Matcher progress = Pattern.compile("\rsent (\\d+) packets, ").matcher(terminal);
        int updates = 0;
        while (progress.find()) {
            int count = Integer.parseInt(progress.group(1));
            if (count < 30) {
                updates++;
            }
        }
        assertTrue(updates >= 1, "no status line before the summary: " + terminal.replace("\r", "\\r"));
        assertTrue(terminal.contains("\rsent 30 packets, 840 bytes in "), "the summary replaces it: "
                + terminal.replace("\r", "\\r"));
    }

    @Test
    void aPipeGetsTheSummaryAlone() throws Exception {
        Object[] run = ToolProcess.sh(ToolProcess.shell(SEND) + " 2>&1 | cat", 60);
        String piped = (String) run[1];
        assertEquals(0, run[0], piped);
        assertFalse(piped.contains("\r"), piped);
        assertTrue(piped.matches("sent 30 packets, 840 bytes in [0-9.]+ s \\([0-9.]+ packets/s\\)\n"), piped);
    }
}
