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
 * terminal (a pseudo-terminal from util-linux's script), never in a pipe or a file. Binary output
 * (pcap) onto a terminal is refused with a hint; into a pipe it flows.
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

    @Test
    void pcapOntoATerminalIsRefusedWithAHint() throws Exception {
        for (String recv : new String[] {"recv -p udp -f pcap -c 1 -t 2s", "recv -p udp -w - -c 1 -t 2s"}) {
            Object[] run = ToolProcess.sh("script -qec '" + ToolProcess.shell(recv) + "' /dev/null", 60);
            String terminal = (String) run[1];
            assertEquals(2, run[0], recv + ": " + terminal);
            assertTrue(terminal.contains("stdout is a terminal: write it to a file with -w FILE, or into a pipe"),
                    recv + ": " + terminal);
            assertEquals(1, terminal.strip().split("\n").length, "one line: " + terminal);
        }
    }

    @Test
    void pcapIntoAPipeFlowsEvenFromATerminal() throws Exception {
        // stdin and stderr on the terminal, stdout into a pipe: no refusal; the timeout ends it (exit 1, no packet)
        Object[] run = ToolProcess.sh("script -qec '" + ToolProcess.shell("recv -p udp --filter \"dst port 1\" -f pcap -c 1 -t 300ms")
                + " | od -An -tx1 -N4' /dev/null", 60);
        String terminal = (String) run[1];
        assertTrue(terminal.contains("4d 3c b2 a1") || terminal.contains("a1 b2 3c 4d"), "the pcap header came through: " + terminal);
        assertFalse(terminal.contains("stdout is a terminal"), terminal);
    }
}
