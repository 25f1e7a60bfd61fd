package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rawsock.testing.Lab;
import rawsock.testing.NetNs;
import rawsock.testing.RequiresRoot;
import rawsock.testing.RoutedLab;

/**
 * A packet larger than the MTU with --df: the kernel's EMSGSIZE, reported with the size and the
 * MTU, exit 4. Runs inside a private network namespace whose loopback has a 1500-byte MTU.
 */
@RequiresRoot
class MtuIT {
    @Test
    void oversizedPacketWithDontFragmentIsRefusedWithSizeAndMtu() throws Exception {
        try (NetNs ns = NetNs.create()) {
            ns.exec("ip", "link", "set", "lo", "mtu", "1500");
            for (String[] extra : new String[][] {{}, {"--src", "127.0.0.1"}}) {
                java.util.List<String> command = ns.inside(ToolProcess.command("send", "-p", "udp", "-d", "127.0.0.1",
                        "--dport", "9", "--df", "--size", "2000").toArray(new String[0]));
                command.addAll(java.util.List.of(extra));
                Process process = new ProcessBuilder(command).start();
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(4, process.exitValue(), stderr);
                assertTrue(stderr.contains("EMSGSIZE"), stderr);
                assertTrue(stderr.contains("2028 bytes"), stderr);
                assertTrue(stderr.contains("1500"), stderr);
            }
        }
    }

    /**
     * A route with a smaller MTU than its interface (A reaches B through R with "mtu 1300" on
     * the route, the veth has 1500): the error names 1300, the MTU ping -M do names for the same
     * target, for ICMP and UDP (the kernel writes the header: the route's MTU is its limit).
     */
    @Test
    void theErrorNamesThePathMtuThatPingNamesToo() throws Exception {
        try (Lab lab = RoutedLab.up()) {
            Object[] route = lab.exec("a", java.util.List.of("ip", "route", "add", RoutedLab.B_IP, "via", RoutedLab.R_A_IP,
                    "mtu", "1300"));
            assertEquals(0, route[0], (String) route[2]);
            Object[] ping = lab.exec("a", java.util.List.of("ping", "-c", "1", "-M", "do", "-s", "1400", RoutedLab.B_IP));
            assertTrue((ping[1] + " " + ping[2]).contains("mtu=1300"), "ping: " + ping[1] + ping[2]);
            for (String[] args : new String[][] {{"-p", "icmp"}, {"-p", "udp", "--dport", "9"}}) {
                java.util.List<String> command = ToolProcess.command("send", "-d", RoutedLab.B_IP, "--df", "--size", "1400");
                command.addAll(java.util.List.of(args));
                Object[] run = lab.exec("a", command);
                String stderr = (String) run[2];
                assertEquals(4, run[0], stderr);
                assertTrue(stderr.contains("EMSGSIZE") && stderr.contains("path MTU of 1300 toward " + RoutedLab.B_IP),
                        stderr);
            }
        }
    }
}
