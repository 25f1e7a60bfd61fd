package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawsock.testing.Background;
import rawsock.testing.Lab;
import rawsock.testing.LabExtension;
import rawsock.testing.RequiresRoot;

/**
 * Multicast and broadcast from host A of the two-host LAB.lab(), judged by tcpdump on host B: --ttl
 * reaches multicast (IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS), -I picks the interface multicast
 * leaves by, a broadcast address is sent to (SO_BROADCAST), and a send the kernel refuses for
 * its route is not blamed on privileges.
 */
@RequiresRoot
class MulticastBroadcastIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(Lab::up);


    /** Sends from A while tcpdump -v on B waits for one packet matching {@code filter}; returns tcpdump's text. */
    private static String seenOnB(String filter, String... args) throws Exception {
        List<String> tcpdump = List.of("tcpdump", "-i", "veth-b", "-nn", "-l", "-v", "--immediate-mode", "-c", "1",
                filter);
        try (Background capture = Background.start(LAB.lab().on("b", tcpdump))) {
            assertTrue(capture.awaitStderr("listening on", 15_000), capture.stderr());
            Object[] run = LAB.lab().exec("a", ToolProcess.command(args));
            assertEquals(0, run[0], String.join(" ", args) + ": " + run[1] + run[2]);
            assertEquals(0, capture.await(20), capture.stderr());
            return capture.stdout();
        }
    }

    @Test
    void ttlReachesMulticastInBothFamilies() throws Exception {
        assertTrue(seenOnB("icmp and dst host 224.0.0.1", "send", "-d", "224.0.0.1", "-I", "veth-a", "--ttl", "5")
                .contains("ttl 5,"));
        assertTrue(seenOnB("udp and dst host 239.1.2.3", "send", "-p", "udp", "-d", "239.1.2.3", "-I", "veth-a",
                "--ttl", "7", "--dport", "9999", "--data", "m").contains("ttl 7,"));
        assertTrue(seenOnB("icmp6 and dst host ff02::1 and ip6[40] == 128", "send", "-d", "ff02::1", "-I", "veth-a",
                "--ttl", "200").contains("hlim 200,"));
        // A neighbour solicitation must carry hop limit 255 (RFC 4861 7.1.1), or the receiver drops it.
        assertTrue(seenOnB("icmp6 and ip6[40] == 135", "send", "-d", "ff02::1:ff00:2", "-I", "veth-a", "--ttl", "255",
                "--icmp-type", "135").contains("hlim 255,"));
    }

    @Test
    void aBroadcastAddressIsSentTo() throws Exception {
        String seen = seenOnB("icmp and dst host 169.254.99.255", "send", "-d", "169.254.99.255", "-I", "veth-a");
        assertTrue(seen.contains("169.254.99.1 > 169.254.99.255: ICMP echo request"), seen);
        String udp = seenOnB("udp and dst host 255.255.255.255", "send", "-p", "udp", "-d", "255.255.255.255", "-I",
                "veth-a", "--dport", "9999", "--src", Lab.A_IP, "--data", "b");
        assertTrue(udp.contains("169.254.99.1.") && udp.contains(" > 255.255.255.255.9999: UDP"), udp);
    }

    @Test
    void aSendTheRouteProhibitsNamesTheRouteNotPrivileges() throws Exception {
        List<String> route = List.of("ip", "route", "add", "prohibit", "169.254.77.0/24");
        assertEquals(0, LAB.lab().exec("a", route)[0]);
        Object[] run = LAB.lab().exec("a", ToolProcess.command("send", "-d", "169.254.77.1"));
        String stderr = (String) run[2];
        assertEquals(4, run[0], stderr);
        assertTrue(stderr.contains("EACCES") && stderr.contains("prohibit"), stderr);
        assertTrue(!stderr.contains("root"), stderr);
        // ping, as root too, gets the same EACCES and says broadcast or firewall, not privileges.
        Object[] ping = LAB.lab().exec("a", new ArrayList<>(List.of("ping", "-c", "1", "169.254.77.1")));
        assertTrue((int) ping[0] != 0 && ((String) ping[2]).contains("firewall"), ping[1] + " " + ping[2]);
    }
}
