package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.Json;
import rawsock.testing.Lab;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;
import rawsock.testing.RoutedLab;

/**
 * Scans in the routed lab (A, router R, B): a SYN scan of B's ports 1-1024 finds exactly the
 * ports the JDK listens on in B's namespace (netns-lab listen) as open, the ports B's nftables drops or rejects as
 * filtered (the reject named), the rest closed; a sweep of a /28 finds exactly the addresses that
 * exist; a concurrent second scan, and ping, never lend a reply.
 */
@RequiresRoot
class ScanIT {
    private static Lab lab;
    private static Set<Integer> open;
    private static final Set<Integer> DROPPED = Set.of(135, 445);
    private static final int REJECTED = 139;

    @BeforeAll
    static void up() throws Exception {
        lab = RoutedLab.up();
        open = new TreeSet<>(List.of(22, 80, 1024));
        open.add(200 + ThreadLocalRandom.current().nextInt(100));
        List<String> command = new ArrayList<>(List.of("env", "RAWSOCK_JAVA=" + System.getProperty("java.home"),
                Path.of("scripts", "netns-lab").toAbsolutePath().toString(),
                "listen", lab.ns("b").replaceAll("-b$", "")));
        open.forEach(port -> command.add(port.toString()));
        Object[] listen = Processes.run(command, 120);
        assertEquals(0, listen[0], "netns-lab listen: " + listen[2]);
        nft("add table inet scanit");
        nft("add chain inet scanit in { type filter hook input priority 0 ; }");
        nft("add rule inet scanit in tcp dport { 135, 445 } drop");
        nft("add rule inet scanit in tcp dport " + REJECTED + " reject with icmpx type admin-prohibited");
    }

    private static void nft(String rule) throws Exception {
        List<String> command = new ArrayList<>(List.of("nft"));
        command.addAll(List.of(rule.split(" ")));
        Object[] run = lab.exec("b", command);
        assertEquals(0, run[0], "nft " + rule + ": " + run[2]);
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<String> scan(String dst, String... more) {
        List<String> args = new ArrayList<>(List.of("send", "-p", "tcp", "-d", dst, "--dport", "1-1024", "--rate", "2000",
                "--wait", "1s"));
        args.addAll(List.of(more));
        return lab.on("a", ToolProcess.command(args.toArray(new String[0])));
    }

    private static Set<Integer> ints(Object array) {
        Set<Integer> out = new TreeSet<>();
        if (array != null) {
            ((List<?>) array).forEach(n -> out.add(((Number) n).intValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static int number(Map<String, Object> object, String key) {
        return ((Number) object.get(key)).intValue();
    }

    /** The target summaries and the run summary of a JSON scan's output. */
    private static List<Map<String, Object>> objects(String stdout, String key) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            Map<String, Object> node = Json.object(line);
            if (node.containsKey(key)) {
                out.add(map(node.get(key)));
            }
        }
        return out;
    }

    private static void assertExactPorts(String out) throws Exception {
        List<Map<String, Object>> targets = objects(out, "target");
        assertEquals(1, targets.size(), out);
        Map<String, Object> b = targets.get(0);
        assertEquals(open, ints(b.get("open")), "open ports");
        Set<Integer> filtered = new TreeSet<>(DROPPED);
        filtered.add(REJECTED);
        assertEquals(filtered, ints(b.get("filtered")), "filtered ports");
        assertEquals(Set.of(REJECTED), ints(map(b.get("filtered_by")).get("admin-prohibited")), b.toString());
        Set<Integer> closed = ints(b.get("closed"));
        assertEquals(1024 - open.size() - filtered.size(), closed.size(), b.toString());
        closed.retainAll(open);
        assertTrue(closed.isEmpty());
        Map<String, Object> summary = objects(out, "summary").get(0);
        assertEquals(1024, number(summary, "transmitted"), summary.toString());
        assertEquals(1024 - DROPPED.size() - 1, number(summary, "received"), summary.toString());
        assertEquals(1, number(summary, "errors"), summary.toString());
    }

    @Test
    void twoConcurrentSynScansEachFindExactlyTheListenersAndTheFilteredPorts() throws Exception {
        try (Background first = Background.start(scan(RoutedLab.B_IP, "-f", "json"));
                Background second = Background.start(scan(RoutedLab.B_IP, "-f", "json"))) {
            assertEquals(0, first.await(60), first.stderr());
            assertEquals(0, second.await(60), second.stderr());
            assertExactPorts(first.stdout());
            assertExactPorts(second.stdout());
            for (String out : List.of(first.stdout(), second.stdout())) {
                assertTrue(!out.contains("\"dup\":true"), "a reply to the other scan was taken for ours");
            }
        }
    }

    @Test
    void ipv6TextSummaryHasOneLinePerState() throws Exception {
        Object[] run = Processes.run(scan(RoutedLab.B_IP6), 60);
        String out = (String) run[1];
        assertEquals(0, run[0], out + run[2]);
        String b = RoutedLab.B_IP6 + ": ";
        List<String> lines = out.lines().filter(l -> l.startsWith(b)).toList();
        assertTrue(lines.contains(b + compact(open) + " open"), out);
        assertTrue(lines.contains(b + "135,445 filtered"), String.join("\n", lines));
        assertTrue(lines.contains(b + REJECTED + " filtered (admin-prohibited)"), String.join("\n", lines));
        assertEquals(4, lines.size(), String.join("\n", lines));
    }

    private static String compact(Set<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    @Test
    void aSweepOfASlash28FindsExactlyTheHostsThatExistWhilePingRuns() throws Exception {
        String extra = "169.254.92.9";
        Object[] add = lab.exec("b", List.of("ip", "addr", "add", extra + "/24", "dev", RoutedLab.B_IFACE));
        assertEquals(0, add[0], (String) add[2]);
        // ping's echo replies from B reach rawsock's ICMP socket too: they must not count.
        try (Background ping = Background.start(lab.on("a", List.of("ping", "-i", "0.01", "-c", "300", "-W", "1",
                RoutedLab.B_IP)))) {
            Object[] run = Processes.run(lab.on("a", ToolProcess.command("send", "-d", "169.254.92.0/28", "-i", "5ms",
                    "--wait", "1s", "-f", "json")), 60);
            String out = (String) run[1];
            assertEquals(0, run[0], out + run[2]);
            Set<String> up = new TreeSet<>();
            List<Map<String, Object>> targets = objects(out, "target");
            assertEquals(16, targets.size(), out);
            for (Map<String, Object> t : targets) {
                if (t.get("state").equals("up")) {
                    up.add((String) t.get("dst"));
                    assertEquals(1, number(t, "received"), t.toString());
                }
            }
            assertEquals(Set.of(RoutedLab.B_IP, extra), up, out);
            Map<String, Object> summary = objects(out, "summary").get(0);
            assertEquals(16, number(summary, "transmitted"));
            assertEquals(2, number(summary, "received"), summary.toString());
            assertEquals(0, ping.await(30), "ping itself got its replies: " + ping.stdout());
        }
    }
}
