package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.NetNs;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * RFC 9293 3.1 (RFC 768 through it): with an IPv4 source route (LSRR/SSRR) the TCP/UDP
 * pseudo-header sums the route's final destination, not the header's destination field. Judged
 * by tcpdump, which computes it so: rawsock builds a checksum tcpdump calls correct, and on
 * receive (a packet socket on lo, which sees the packet before the kernel's IP layer rewrites
 * the route) reports checksum_ok where tcpdump does. Inside a fresh namespace with only lo.
 */
@RequiresRoot
class SourceRouteChecksumIT {
    /** LSRR, length 11, pointer 4, route 169.254.1.1 then 169.254.1.2 (the final destination), EOL. */
    private static final String LSRR = "830b04a9fe0101a9fe010200";
    /** SSRR with the same route, after a NOP. */
    private static final String SSRR = "01890b04a9fe0101a9fe0102";

    @Test
    void pseudoHeaderSumsTheFinalDestinationOfASourceRoute() throws Exception {
        try (NetNs ns = NetNs.create()) {
            String[][] cases = {
                {"udp", LSRR, "udp sum ok"},
                {"udp", SSRR, "udp sum ok"},
                {"tcp", LSRR, "(correct)"},
            };
            for (String[] c : cases) {
                List<String> tcpdump = ns.inside("tcpdump", "-i", "lo", "-nn", "-l", "-vv", "--immediate-mode", "-c", "1",
                        "ip[0] & 0xf > 5 and " + c[0]);
                List<String> recv = ns.inside(ToolProcess.command("-v", "recv", "--link", "-I", "lo", "--filter",
                        c[0] + " and port 47233", "-c", "1", "-t", "20s", "-f", "json").toArray(new String[0]));
                try (Background dump = Background.start(tcpdump); Background rawsock = Background.start(recv)) {
                    assertTrue(dump.awaitStderr("listening on", 15_000), dump.stderr());
                    assertTrue(rawsock.awaitStderr("listening on", 30_000), rawsock.stderr());
                    Object[] send = Processes.run(ns.inside(ToolProcess.command("send", "-d",
                            "127.0.0.1", "--src", "127.0.0.1", "-p", c[0], "--sport", "21191", "--dport", "47233",
                            "--ip-options", c[1], "--size", "100").toArray(new String[0])), 60);
                    assertEquals(0, send[0], send[1] + " " + send[2]);
                    assertEquals(0, dump.await(20), dump.stderr());
                    assertEquals(0, rawsock.await(30), rawsock.stderr());
                    String verdict = dump.stdout();
                    assertTrue(verdict.contains(c[2]), "tcpdump: " + verdict);
                    assertTrue(rawsock.stdout().contains("\"checksum_ok\":true"), c[0] + " " + c[1] + ": "
                            + rawsock.stdout() + "\ntcpdump: " + verdict);
                }
            }
        }
    }
}
