package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawsock.testing.LabExtension;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.RoutedLab;

/**
 * Probes through a router (the routed lab: A, R, B): the router's ICMP errors are errors, not
 * replies, judged against what ping does for the same target from the same host.
 */
@RequiresRoot
class RoutedProbeIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(RoutedLab::up);


    /** Runs rawsock on host A; returns {exit status, stdout, stderr}. */
    static Object[] rawsockOnA(String... args) throws Exception {
        return LAB.lab().exec("a", ToolProcess.command(args));
    }

    static Object[] pingOnA(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ping"));
        command.addAll(Arrays.asList(args));
        return LAB.lab().exec("a", command);
    }

    @Test
    void routerErrorsAreCountedAsErrorsNotRepliesLikePing() throws Exception {
        String[][] cases = {
            {RoutedLab.UNREACHABLE, "net-unreachable"},
            {RoutedLab.UNREACHABLE6, "no-route"},
        };
        for (String[] target : cases) {
            Object[] ping = pingOnA("-c", "2", "-i", "0.2", "-W", "2", target[0]);
            assertEquals(1, ping[0], "ping: " + ping[1] + ping[2]);
            assertTrue(((String) ping[1]).contains("0 received, +2 errors"), (String) ping[1]);
            Object[] run = rawsockOnA("send", "-d", target[0], "--icmp-id", String.valueOf(Marks.id()), "-c", "2",
                    "-i", "200ms", "--wait=2s");
            String out = (String) run[1];
            String err = (String) run[2];
            assertEquals(ping[0], run[0], "exit status as ping's: " + out + err);
            assertEquals(2, out.lines().filter(l -> l.contains(" " + target[1] + " ")).count(), out);
            assertTrue(out.lines().allMatch(l -> l.startsWith(target[0].contains(":") ? RoutedLab.R_A_IP6 : RoutedLab.R_A_IP)),
                    out);
            assertTrue(err.contains("2 probes transmitted, 0 received, +2 errors, 100% loss"), err);
            assertTrue(!err.contains("rtt min/avg"), "errors are kept out of the round-trip statistics: " + err);
        }
    }

    @Test
    void timeExceededIsAnErrorForEveryProtocolAndBothFamilies() throws Exception {
        for (String family : new String[] {"4", "6"}) {
            String dst = family.equals("4") ? RoutedLab.B_IP : RoutedLab.B_IP6;
            Object[] ping = pingOnA("-c", "1", "-W", "2", "-t", "1", dst);
            assertEquals(1, ping[0], "ping: " + ping[1] + ping[2]);
            assertTrue(((String) ping[1]).contains("+1 errors"), (String) ping[1]);
            for (String proto : new String[] {"icmp", "udp", "tcp"}) {
                List<String> args = new ArrayList<>(List.of("send", "-p", proto, "-d", dst, "--ttl", "1", "--wait=2s",
                        "-f", "json"));
                if (!proto.equals("icmp")) {
                    args.addAll(List.of("--dport", "33434"));
                }
                Object[] run = rawsockOnA(args.toArray(new String[0]));
                String out = (String) run[1];
                assertEquals(1, run[0], proto + " " + dst + ": " + out + run[2]);
                assertTrue(out.contains("\"type\":\"ttl-exceeded\"") || out.contains("\"type\":\"hop-limit-exceeded\""), out);
                assertTrue(out.contains("\"error\":true"), out);
                assertTrue(out.contains("\"received\":0,\"errors\":1"), out);
            }
        }
    }

    @Test
    void portUnreachableFromTheDestinationItselfStaysAnAnswer() throws Exception {
        for (String dst : new String[] {RoutedLab.B_IP, RoutedLab.B_IP6}) {
            Object[] run = rawsockOnA("send", "-p", "udp", "-d", dst, "--dport", "33434", "--data", Marks.payload(),
                    "--wait=2s", "-f", "json");
            String out = (String) run[1];
            assertEquals(0, run[0], dst + ": " + out + run[2]);
            assertTrue(out.contains("\"from\":\"" + dst + "\""), out);
            assertTrue(out.contains("\"error\":false"), out);
            assertTrue(out.contains("\"received\":1,\"errors\":0"), out);
        }
    }
}
