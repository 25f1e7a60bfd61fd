package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * An independent check: tcpdump (libpcap) compiles the same expression for the same link type
 * ({@code tcpdump -ddd -y EN10MB|RAW EXPR}, which opens no interface and sends nothing), and both
 * programs run in {@link BpfInterpreter} on every comparable crafted packet; their accept/reject
 * verdicts must agree. IPV6_RAW is compared with libpcap's RAW program on the whole IPv6 packet
 * (ours sees it as an AF_INET6 raw socket would: data at the transport header). Every packet is
 * also cut short at every length ({@link Packets#truncated}): where a load past the end drops the
 * packet, the verdict depends on which loads a program keeps, and ours must keep the same as
 * libpcap's optimizer.
 *
 * <p>Skipped, with the reason in the report and on stderr, where tcpdump is not installed.
 */
class TcpdumpCrossCheckTest {
    private static String tcpdump;
    private static String skipReason;

    /** Extra expressions beyond {@link FilterVerdictTest#TABLE}, in tcpdump syntax. */
    private static final String[] EXTRA = {
        "udp dst port 53 or tcp src port 443",
        "not (port 53 or port 80)",
        "src net 192.0.2.0/25 and not icmp",
        "dst net 198.51.100.0 mask 255.255.255.0",
        "host 198.51.100.2 || host 2001:db8:2::20",
        "portrange 50-60 and udp",
        "sctp or tcp dst portrange 79-81",
        "ip6 and src host 2001:db8::1 and not icmp6",
        "ip and ip or ip6 and udp",
        "ip or ip6 and udp",
        "not ip6 and not ip and not arp",
        "arp or rarp or vlan",
        "vlan 100 and not udp",
        "vlan and vlan and ip",
        "ether src 02:00:00:00:00:01 and ether dst 02:00:00:00:00:02 and tcp",
        "ether host ff:ff:ff:ff:ff:ff or ip6 proto 17",
        "ip proto 2 or ip6 proto 6",
        "net 10.9.8.0/24 and port 40000",
        "dst 10.9.8.7 and src port 40000 and udp",
    };

    /**
     * Target and expression pairs whose programs still drop, or keep, a cut-short frame differently
     * from libpcap's, and why. Complete packets are compared as for every other expression; on cut
     * frames at least one verdict must still differ, so an entry that no longer applies fails.
     */
    private static final Map<String, String> CUT_FRAME_DIFFERENCES = Map.of(
            "ETHERNET ((!tcp || src host 2001:db8:1::10) || (udp dst port 53 || net 2001:db8::/32 && !not udp))"
                    + " or net 2001:db8::/32 || tcp",
            "a tautology (!tcp ... || tcp): following each path we see every outcome is accept and load"
                    + " nothing, where libpcap keeps the loads of the Next Header",
            "IPV6_RAW tcp and port 80 or 443",
            "libpcap's or-pullup reaches across the 'and': it tests the source port against 443 before it"
                    + " loads the destination port for 80; 'port 80 or 443' alone (one primitive here) agrees",
            "ETHERNET tcp and port 80 or 443",
            "the same or-pullup across the 'and'");

    /** Primitives for random expressions: [text, ethernet-only?]. All valid for tcpdump. */
    private static final String[][] POOL = {
        {"ip", ""}, {"ip6", ""}, {"icmp", ""}, {"icmp6", ""}, {"udp", ""}, {"tcp", ""}, {"igmp", ""},
        {"port 53", ""}, {"src port 5000", ""}, {"dst port 80", ""}, {"portrange 1-100", ""},
        {"tcp port 443", ""}, {"udp dst port 53", ""}, {"host 192.0.2.1", ""}, {"dst host 10.9.8.7", ""},
        {"src net 10.0.0.0/8", ""}, {"net 2001:db8::/32", ""}, {"host 2001:db8::2", ""}, {"ip proto 17", ""},
        {"ip6 proto 58", ""}, {"proto 6", ""}, {"dst net 224.0.0.0/4", ""}, {"src host 2001:db8:1::10", ""},
        {"arp", "e"}, {"ether src 02:00:00:00:00:01", "e"}, {"ether dst ff:ff:ff:ff:ff:ff", "e"},
        {"ether proto 0x0806", "e"}, {"vlan", "e"}, {"vlan 100", "e"}, {"vlan 200", "e"},
    };

    @BeforeAll
    static void findTcpdump() {
        for (String candidate : List.of("/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/usr/local/bin/tcpdump",
                "/usr/local/sbin/tcpdump")) {
            if (Files.isExecutable(Path.of(candidate))) {
                tcpdump = candidate;
                break;
            }
        }
        if (tcpdump == null) {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tcpdump"))) {
                    tcpdump = Path.of(dir, "tcpdump").toString();
                    break;
                }
            }
        }
        if (tcpdump == null) {
            skipReason = "tcpdump is not installed (apt-get install tcpdump): the cross-check against libpcap"
                    + " was skipped";
            System.err.println("SKIPPED TcpdumpCrossCheckTest: " + skipReason);
        }
    }

    static List<String> expressions() {
        Set<String> out = new LinkedHashSet<>();
        for (String[] row : FilterVerdictTest.TABLE) {
            if (!row[0].isBlank()) {
                out.add(row[0]);
            }
        }
        out.addAll(List.of(EXTRA));
        Random rnd = new Random(20240611L);
        for (int i = 0; i < 120; i++) {
            out.add(randomSequence(rnd, 0, i % 2 == 0));
        }
        return new ArrayList<>(out);
    }

    private static String randomSequence(Random rnd, int depth, boolean ethernet) {
        int n = 1 + rnd.nextInt(depth == 0 ? 4 : 3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                String[] ops = {" and ", " or ", " && ", " || ", " or ", " || "};
                sb.append(ops[rnd.nextInt(ops.length)]);
            }
            int nots = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(2) : 0;
            for (int k = 0; k < nots; k++) {
                sb.append(rnd.nextBoolean() ? "not " : "!");
            }
            if (depth < 2 && rnd.nextInt(4) == 0) {
                sb.append('(').append(randomSequence(rnd, depth + 1, ethernet)).append(')');
            } else {
                String[] p;
                do {
                    p = POOL[rnd.nextInt(POOL.length)];
                } while (!ethernet && !p[1].isEmpty());
                sb.append(p[0]);
            }
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> sameVerdictsAsTcpdump() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String expr : expressions()) {
            for (FilterTarget target : FilterTarget.values()) {
                tests.add(DynamicTest.dynamicTest(target + " '" + expr + "'", () -> compare(expr, target)));
            }
        }
        return tests.stream();
    }

    private static void compare(String expr, FilterTarget target) throws Exception {
        Assumptions.assumeTrue(tcpdump != null, () -> skipReason);
        String linkType = target == FilterTarget.ETHERNET ? "EN10MB" : "RAW";
        String[] refusal = new String[1];
        BpfProgram theirs = libpcap(expr, linkType, refusal);
        Assumptions.assumeTrue(theirs != null, () -> "tcpdump -y " + linkType + " refuses '" + expr + "': " + refusal[0]);
        List<Packets.Sample> samples = new ArrayList<>();
        for (Packets.Sample s : Packets.forTarget(target)) {
            if (s.tcpdump() != null) {
                samples.add(s);
            }
        }
        List<Packets.Sample> cut = Packets.truncated(target);
        boolean differs = CUT_FRAME_DIFFERENCES.containsKey(target + " " + expr);
        if (!differs) {
            samples.addAll(cut);
        }
        BpfProgram ours;
        try {
            ours = FilterCompiler.compile(expr, target);
        } catch (FilterSyntaxException e) {
            // We refuse what can never match on this target; libpcap's program must agree.
            for (Packets.Sample s : samples) {
                assertEquals(0, BpfInterpreter.run(theirs, s.tcpdump()),
                        () -> "we refused (" + e.getMessage() + ") but tcpdump accepts " + s.name());
            }
            return;
        }
        KernelRules.check(ours);
        if (differs) {
            assertTrue(cut.stream().anyMatch(s -> (BpfInterpreter.run(theirs, s.tcpdump()) != 0)
                            != (BpfInterpreter.run(ours, s.skb()) != 0)),
                    () -> "'" + expr + "' now agrees with tcpdump on cut frames: remove it from CUT_FRAME_DIFFERENCES");
        }
        for (Packets.Sample s : samples) {
            boolean theirVerdict = BpfInterpreter.run(theirs, s.tcpdump()) != 0;
            boolean ourVerdict = BpfInterpreter.run(ours, s.skb()) != 0;
            assertEquals(theirVerdict, ourVerdict, () -> "'" + expr + "' on " + s.name() + ": tcpdump " + (theirVerdict ? "accepts" : "rejects")
                    + ", we " + (ourVerdict ? "accept" : "reject") + "\nours:\n" + ours.toAssembly()
                    + "tcpdump's:\n" + theirs.toAssembly());
        }
    }

    /** tcpdump -ddd output as a program, or null when tcpdump refuses the expression. */
    private static BpfProgram libpcap(String expr, String linkType, String[] refusal)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tcpdump, "-ddd", "-y", linkType, expr).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump hung");
        if (p.exitValue() != 0) {
            String msg = new String(err, StandardCharsets.UTF_8);
            assertTrue(msg.contains("tcpdump:"), () -> "unexpected tcpdump failure: " + msg);
            refusal[0] = msg.trim();
            return null;
        }
        String[] lines = new String(out, StandardCharsets.UTF_8).trim().split("\n");
        int n = Integer.parseInt(lines[0].trim());
        short[] code = new short[n];
        byte[] jt = new byte[n];
        byte[] jf = new byte[n];
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].trim().split("\\s+");
            code[i] = (short) Integer.parseInt(f[0]);
            jt[i] = (byte) Integer.parseInt(f[1]);
            jf[i] = (byte) Integer.parseInt(f[2]);
            k[i] = (int) Long.parseLong(f[3]);
        }
        return new BpfProgram(code, jt, jf, k);
    }
}
