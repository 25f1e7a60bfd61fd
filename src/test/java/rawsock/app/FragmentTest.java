package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * A non-first fragment (--frag-offset above 0) carries only data: tcpdump's hex dump of what
 * left shows the payload right after the 20-byte IPv4 header (behind lo's 14-byte Ethernet header), for UDP, TCP and ICMP alike,
 * and the offset as asked.
 */
@RequiresRoot
class FragmentTest {
    @Test
    void aLaterFragmentHoldsNoTransportHeader() throws Exception {
        for (String proto : new String[] {"udp", "tcp", "icmp"}) {
            String payload = Marks.payload();
            int id = Marks.id();
            List<String> tcpdump = List.of("tcpdump", "-i", "lo", "-nn", "-l", "-xx", "--immediate-mode", "-c", "1",
                    "ip[4:2] == " + id + " and ip[6:2] & 0x1fff == 100");
            try (Background dump = Background.start(tcpdump)) {
                assertTrue(dump.awaitStderr("listening on", 15_000), dump.stderr());
                CliRun run = CliRun.run("send", "-p", proto, "-d", "127.0.0.1", "--id", String.valueOf(id),
                        "--frag-offset", "100", "--data", payload);
                assertEquals(0, run.status, run.toString());
                assertEquals(0, dump.await(20), dump.stderr());
                String hex = hexDump(dump.stdout());
                StringBuilder expected = new StringBuilder();
                for (byte b : payload.getBytes(StandardCharsets.US_ASCII)) {
                    expected.append(String.format("%02x", b));
                }
                assertEquals(expected.toString(), hex.substring(68), proto + ": " + dump.stdout());
            }
        }
    }

    /** The bytes of tcpdump -xx's lines ("\t0x0010:  4500 0054 ..."), lo's Ethernet header first, as one hex string. */
    private static String hexDump(String text) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("0x")) {
                hex.append(t.substring(t.indexOf(':') + 1).replace(" ", ""));
            }
        }
        return hex.toString();
    }
}
