package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawsock.testing.Background;
import rawsock.testing.Json;
import rawsock.testing.JsonSchemaCheck;
import rawsock.testing.LabExtension;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.RoutedLab;

/**
 * send --traceroute in the routed LAB.lab() (A, router R, B): the hops it lists are the system
 * traceroute's (Debian's traceroute, -n) from the same host to the same target, for ICMP, UDP
 * and TCP probes over IPv4 and IPv6; a router that keeps its errors to itself (nftables in its
 * namespace) is a hop of "*"; a router without a route marks "!N", one rejecting the destination
 * "!H", one answering from two addresses names both; and the errors a concurrent ping and
 * traceroute draw are never taken for ours.
 */
@RequiresRoot
class TracerouteIT {
    private static final Pattern HOP = Pattern.compile("^ ?(\\d+) (.*)$");
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(RoutedLab::up);


    private static Object[] onA(String... command) throws Exception {
        return LAB.lab().exec("a", Arrays.asList(command));
    }

    private static Object[] rawsockOnA(String... args) throws Exception {
        return LAB.lab().exec("a", ToolProcess.command(args));
    }

    /**
     * The addresses each hop line names, in order: "1 169.254.91.254 0.1 ms * 169.254.91.253 ..."
     * -> [[169.254.91.254, 169.254.91.253]]; a silent hop -> [].
     */
    static List<List<String>> hops(String out) {
        List<List<String>> hops = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = HOP.matcher(line);
            if (!m.matches()) {
                continue;
            }
            assertEquals(hops.size() + 1, Integer.parseInt(m.group(1)), "hops in order: " + out);
            List<String> addresses = new ArrayList<>();
            for (String word : m.group(2).trim().split("\\s+")) {
                if (word.matches("[0-9a-f:.]*[.:][0-9a-f:.]*") && !word.matches("[0-9]+\\.[0-9]+")) {
                    addresses.add(word);
                }
            }
            hops.add(addresses);
        }
        return hops;
    }

    @Test
    void listsTheRouterThenTheDestinationAsTheSystemTracerouteDoes() throws Exception {
        for (String dst : new String[] {RoutedLab.B_IP, RoutedLab.B_IP6}) {
            boolean v6 = dst.contains(":");
            String router = v6 ? RoutedLab.R_A_IP6 : RoutedLab.R_A_IP;
            for (String proto : new String[] {"icmp", "udp", "tcp"}) {
                List<String> system = new ArrayList<>(List.of("traceroute", "-n", "-w", "2", "-q", "3"));
                if (v6) {
                    system.add("-6");
                }
                if (!proto.equals("udp")) {
                    system.add(proto.equals("icmp") ? "-I" : "-T");
                }
                system.add(dst);
                Object[] theirs = onA(system.toArray(new String[0]));
                assertEquals(0, theirs[0], "traceroute: " + theirs[1] + theirs[2]);
                Object[] ours = rawsockOnA("send", "-d", dst, "--traceroute", "-p", proto, "--wait", "2s");
                String out = (String) ours[1];
                assertEquals(0, ours[0], proto + " " + dst + ": " + out + ours[2]);
                List<List<String>> expected = List.of(List.of(router), List.of(dst));
                assertEquals(expected, hops((String) theirs[1]), "the system traceroute's own view: " + theirs[1]);
                assertEquals(expected, hops(out), proto + " " + dst + ": " + out);
                assertTrue(out.lines().allMatch(l -> l.matches(" [12]  \\S+(  \\d+\\.\\d{3} ms){3}")),
                        "three timed answers per hop, traceroute's layout: " + out);
            }
        }
    }

    @Test
    void jsonHasAnObjectPerProbeAndPerHopWithTheSchemasKeys() throws Exception {
        Object[] run = rawsockOnA("send", "-d", RoutedLab.B_IP, "--traceroute", "-c", "2", "-f", "json", "--wait", "2s");
        String out = (String) run[1];
        assertEquals(0, run[0], out + run[2]);
        List<String> lines = out.lines().toList();
        assertEquals(6, lines.size(), out);
        assertTrue(lines.get(0).startsWith("{\"hop\":1,\"probe\":1,\"from\":\"" + RoutedLab.R_A_IP + "\",\"rtt_ms\":"), out);
        assertTrue(lines.get(2).startsWith("{\"hop\":1,\"addresses\":[\"" + RoutedLab.R_A_IP + "\"],\"sent\":2,\"answered\":2,"
                + "\"reached\":false,\"last\":false}"), out);
        assertTrue(lines.get(4).contains("\"type\":\"echo-reply\"") && lines.get(4).contains("\"reached\":true"), out);
        assertEquals("{\"hop\":2,\"addresses\":[\"" + RoutedLab.B_IP + "\"],\"sent\":2,\"answered\":2,\"reached\":true,"
                + "\"last\":true}", lines.get(5));
        for (String line : lines) {
            JsonSchemaCheck.trace(Json.object(line));
        }
    }

    @Test
    void aRouterThatSendsNoErrorsIsAHopOfStarsAsForTheSystemTraceroute() throws Exception {
        nft("r", "add table inet trace_quiet",
                "add chain inet trace_quiet out { type filter hook output priority 0 ; }",
                "add rule inet trace_quiet out icmp type time-exceeded drop",
                "add rule inet trace_quiet out icmpv6 type time-exceeded drop");
        try {
            for (String dst : new String[] {RoutedLab.B_IP, RoutedLab.B_IP6}) {
                Object[] theirs = onA("traceroute", "-n", "-I", "-w", "1", dst.contains(":") ? "-6" : "-4", dst);
                Object[] ours = rawsockOnA("send", "-d", dst, "--traceroute", "--wait", "1s");
                String out = (String) ours[1];
                assertEquals(0, ours[0], out + ours[2]);
                assertEquals(List.of(List.of(), List.of(dst)), hops(out), out);
                assertEquals(hops((String) theirs[1]), hops(out), "as traceroute: " + theirs[1]);
                assertTrue(out.startsWith(" 1  * * *\n"), out);
            }
        } finally {
            nft("r", "delete table inet trace_quiet");
        }
    }

    /**
     * Every answer is R's "!N" and the trace ends unreached. R's IPv4 "net unreachable" is held to
     * about one a second per sender by the kernel's route-error limit (a host-wide setting this
     * test leaves alone), so a probe may also go unanswered: one probe per hop, spaced so the
     * limit refills, and the trace ends at the first hop that R marks.
     */
    @Test
    void aRouterWithoutARouteMarksTheHopNetUnreachable() throws Exception {
        for (String dst : new String[] {RoutedLab.UNREACHABLE, RoutedLab.UNREACHABLE6}) {
            String router = dst.contains(":") ? RoutedLab.R_A_IP6 : RoutedLab.R_A_IP;
            for (String proto : new String[] {"icmp", "udp", "tcp"}) {
                Object[] run = rawsockOnA("send", "-d", dst, "--traceroute", "-p", proto, "-c", "1", "--ttl", "8",
                        "-i", "400ms", "--wait", "1s");
                String out = (String) run[1];
                assertEquals(1, run[0], "not reached: " + out + run[2]);
                List<String> lines = out.lines().toList();
                assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(l -> l.matches(" ?\\d+  \\*")), out);
                assertTrue(lines.get(lines.size() - 1).matches(" ?\\d+  " + Pattern.quote(router) + "  \\d+\\.\\d{3} ms !N"),
                        proto + ": " + out);
            }
        }
    }

    /**
     * R's time-exceeded errors alternate between two source addresses (nftables rewrites every
     * second one's, as a second router answering would): the hop line names each address where
     * it changes, as the system traceroute's does.
     */
    @Test
    void aHopAnsweredFromTwoAddressesListsBothAsTraceroute() throws Exception {
        String other = "169.254.91.253";
        nft("r", "add table ip trace_two",
                "add chain ip trace_two out { type filter hook output priority 0 ; }",
                "add rule ip trace_two out icmp type time-exceeded numgen inc mod 2 == 1 ip saddr set " + other);
        try {
            Object[] theirs = onA("traceroute", "-n", "-I", "-w", "1", RoutedLab.B_IP);
            Object[] ours = rawsockOnA("send", "-d", RoutedLab.B_IP, "--traceroute", "--wait", "1s");
            String out = (String) ours[1];
            assertEquals(0, ours[0], out + ours[2]);
            List<List<String>> hops = hops(out);
            assertEquals(Set.of(RoutedLab.R_A_IP, other), Set.copyOf(hops.get(0)), out);
            assertEquals(Set.copyOf(hops((String) theirs[1]).get(0)), Set.copyOf(hops.get(0)),
                    "as traceroute: " + theirs[1]);
            String address = "169\\.254\\.91\\.25[34]";
            assertTrue(out.lines().toList().get(0).matches(" 1  " + address + "  [0-9.]+ ms " + address + "  [0-9.]+ ms "
                    + address + "  [0-9.]+ ms"), out);
        } finally {
            nft("r", "delete table ip trace_two");
        }
    }

    /**
     * R refuses to forward to B (nftables: reject with host unreachable, IPv6 address
     * unreachable): hop 1 is R's time exceeded, hop 2 R's "!H" on every probe, and the trace
     * ends there, unreached, with the lines the system traceroute prints.
     */
    @Test
    void aRouterRejectingTheDestinationMarksItsHopHostUnreachableAsTraceroute() throws Exception {
        nft("r", "add table inet trace_reject",
                "add chain inet trace_reject pass { type filter hook forward priority 0 ; }",
                "add rule inet trace_reject pass ip daddr " + RoutedLab.B_IP + " reject with icmp type host-unreachable",
                "add rule inet trace_reject pass ip6 daddr " + RoutedLab.B_IP6 + " reject with icmpv6 type addr-unreachable");
        try {
            for (String dst : new String[] {RoutedLab.B_IP, RoutedLab.B_IP6}) {
                String router = dst.contains(":") ? RoutedLab.R_A_IP6 : RoutedLab.R_A_IP;
                Object[] theirs = onA("traceroute", "-n", "-I", "-w", "1", dst.contains(":") ? "-6" : "-4", dst);
                for (String proto : new String[] {"icmp", "udp", "tcp"}) {
                    Object[] run = rawsockOnA("send", "-d", dst, "--traceroute", "-p", proto, "--wait", "1s");
                    String out = (String) run[1];
                    assertEquals(1, run[0], "not reached: " + out + run[2]);
                    assertEquals(List.of(List.of(router), List.of(router)), hops(out), proto + ": " + out);
                    assertEquals(hops((String) theirs[1]), hops(out), "as traceroute: " + theirs[1]);
                    assertTrue(out.lines().toList().get(1).matches(" 2  " + Pattern.quote(router) + "(  \\d+\\.\\d{3} ms !H){3}"),
                            proto + ": " + out);
                    assertTrue(((String) theirs[1]).lines().toList().get(2).contains(" !H"), "traceroute marks it too: "
                            + theirs[1]);
                }
            }
        } finally {
            nft("r", "delete table inet trace_reject");
        }
    }

    /**
     * B keeps still for echo requests, so every hop past R is silent for us; meanwhile a ping
     * with TTL 1 and the system's traceroute draw time-exceeded errors from R by the dozen. Had
     * any of theirs been taken for ours, a silent hop would show R.
     */
    @Test
    void errorsDrawnByAConcurrentPingAndTracerouteAreNeverOurs() throws Exception {
        nft("b", "add table inet trace_still",
                "add chain inet trace_still in { type filter hook input priority 0 ; }",
                "add rule inet trace_still in icmp type echo-request drop",
                "add rule inet trace_still in icmpv6 type echo-request drop");
        try {
            for (String dst : new String[] {RoutedLab.B_IP, RoutedLab.B_IP6}) {
                try (Background ping = Background.start(LAB.lab().on("a", List.of("ping", "-n", "-t", "1", "-i", "0.01",
                        "-c", "400", "-s", String.valueOf(Marks.id() % 100 + 8), dst)));
                        Background theirs = Background.start(LAB.lab().on("a", List.of("traceroute", "-n", "-I", "-w", "1",
                                "-m", "4", "-q", "5", dst)))) {
                    Object[] run = rawsockOnA("send", "-d", dst, "--traceroute", "--ttl", "4", "--wait", "1s",
                            "-i", "20ms");
                    String out = (String) run[1];
                    assertEquals(1, run[0], "B never answered us: " + out + run[2]);
                    String router = dst.contains(":") ? RoutedLab.R_A_IP6 : RoutedLab.R_A_IP;
                    assertEquals(List.of(List.of(router), List.of(), List.of(), List.of()), hops(out), out);
                    ping.await(30);
                    theirs.await(30);
                    assertTrue(ping.stdout().contains("Time to live exceeded") || ping.stdout().contains("Time exceeded"),
                            "the ping did draw errors meanwhile: " + ping.stdout());
                }
            }
        } finally {
            nft("b", "delete table inet trace_still");
        }
    }

    private static void nft(String host, String... commands) throws Exception {
        for (String command : commands) {
            List<String> line = new ArrayList<>(List.of("nft"));
            line.addAll(Arrays.asList(command.split(" ")));
            Object[] run = LAB.lab().exec(host, line);
            assertEquals(0, run[0], "nft " + command + ": " + run[1] + run[2]);
        }
    }
}
