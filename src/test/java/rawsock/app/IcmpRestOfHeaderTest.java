package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/**
 * ICMP types without identifier and sequence carry bytes 4-7 as their RFCs define them, as
 * tcpdump reads them off the wire: zero by default, the next-hop MTU, the redirect's gateway, the
 * parameter problem's pointer when given.
 */
@RequiresRoot
class IcmpRestOfHeaderTest {
    private static String sent(String... args) throws Exception {
        int id = Marks.id();
        List<String> tcpdump = List.of("tcpdump", "-i", "lo", "-nn", "-l", "-xx", "--immediate-mode", "-c", "1",
                "icmp and ip[4:2] == " + id);
        try (Background dump = Background.start(tcpdump)) {
            assertTrue(dump.awaitStderr("listening on", 15_000), dump.stderr());
            List<String> all = new java.util.ArrayList<>(List.of("send", "-d", "127.0.0.1", "--id", String.valueOf(id),
                    "--data", "x"));
            all.addAll(List.of(args));
            CliRun run = CliRun.run(all.toArray(new String[0]));
            assertEquals(0, run.status, run.toString());
            assertEquals(0, dump.await(20), dump.stderr());
            return dump.stdout();
        }
    }

    /** Bytes 4-7 of the ICMP header from tcpdump -xx (after lo's 14-byte Ethernet and a 20-byte IPv4 header). */
    private static String restOfHeader(String dump) {
        return Tcpdump.hexDump(dump).substring(76, 84);
    }

    @Test
    void bytesFourToSevenAsTheRfcsDefineThem() throws Exception {
        String mtu = sent("--icmp-type", "dest-unreach", "--icmp-code", "4", "--icmp-mtu", "1400");
        assertEquals("00000578", restOfHeader(mtu));
        assertEquals("00000000", restOfHeader(sent("--icmp-type", "dest-unreach", "--icmp-code", "4")));
        assertEquals("00000000", restOfHeader(sent("--icmp-type", "time-exceeded")));
        String redirect = sent("--icmp-type", "redirect", "--icmp-code", "1", "--icmp-gateway", "169.254.7.9");
        assertEquals("a9fe0709", restOfHeader(redirect));
        assertEquals("05000000", restOfHeader(sent("--icmp-type", "param-problem", "--icmp-pointer", "5")));
    }
}
