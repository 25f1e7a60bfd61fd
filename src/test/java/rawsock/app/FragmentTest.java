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
import rawsock.testing.Tcpdump;

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
                // lo's 14-byte Ethernet header, then IPv4's 20 bytes.
                String hex = Tcpdump.hexDump(dump.stdout());
                StringBuilder expected = new StringBuilder();
                for (byte b : payload.getBytes(StandardCharsets.US_ASCII)) {
                    expected.append(String.format("%02x", b));
                }
                assertEquals(expected.toString(), hex.substring(68), proto + ": " + dump.stdout());
            }
        }
    }
}
