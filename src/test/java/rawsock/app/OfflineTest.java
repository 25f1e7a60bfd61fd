package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.UntilDone;

/**
 * {@code recv --read-pcap} of what tcpdump captured (an independent capture: Ethernet frames on lo,
 * and {@code -i any}'s SLL2) prints, field by field, what live {@code recv --link -I lo} and
 * {@code recv -p udp} printed for the same marked datagrams, sent by a JDK socket. The fields a
 * file does not hold are left out of the comparison: the interface (tcpdump's pcap names none;
 * SLL2 has the index, not the name) and, for Ethernet pcap, the direction.
 */
@RequiresRoot
class OfflineTest {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    private static final Pattern ID = Pattern.compile("\"ip\":\\{[^}]*\"id\":(\\d+)");
    private static final Pattern DIRECTION = Pattern.compile("\"direction\":\"([a-z]+)\"");

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @Test
    void offlineJsonOfTcpdumpCapturesEqualsLiveJson() throws Exception {
        int port = Marks.freeUdpPort();
        String filter = "udp dst port " + port;
        Path eth = dir.resolve("eth.pcap");
        Path any = dir.resolve("any.pcap");
        Process lo = tcpdump("lo", eth, filter);
        Process all = tcpdump("any", any, filter);
        CliRun link;
        CliRun ip;
        try {
            Future<CliRun> linkRun = POOL.submit(() -> CliRun.run("recv", "--link", "-I", "lo", "--filter", filter,
                    "-c", "6", "-t", "20s", "-f", "json"));
            Future<CliRun> ipRun = POOL.submit(() -> CliRun.run("recv", "-p", "udp", "--filter", filter,
                    "-c", "3", "-t", "20s", "-f", "json"));
            Future<?> both = POOL.submit(() -> {
                linkRun.get();
                return ipRun.get();
            });
            byte[] data = Marks.payload().getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket sender = new DatagramSocket()) {
                InetAddress localhost = InetAddress.getByName("127.0.0.1");
                UntilDone.repeat(both, 30_000, 25,
                        round -> sender.send(new DatagramPacket(data, data.length, localhost, port)));
            }
            link = linkRun.get(30, TimeUnit.SECONDS);
            ip = ipRun.get(30, TimeUnit.SECONDS);
        } finally {
            stop(lo);
            stop(all);
        }
        assertEquals(0, link.status, link.toString());
        assertEquals(0, ip.status, ip.toString());

        // Ethernet: every frame live --link saw arriving is in tcpdump's capture (libpcap leaves out
        // lo's outgoing copies), identical but for the interface and the direction.
        List<String> arriving = new ArrayList<>();
        for (String line : lines(link.out())) {
            if (line.contains("\"direction\":\"in\"")) {
                arriving.add(line);
            }
        }
        compare(arriving, byIdAndOccurrence(lines(read(eth).out()), null), true);

        // SLL2 (-i any): the arriving copy of each datagram is what the raw socket saw.
        compare(lines(ip.out()), byIdAndOccurrence(lines(read(any).out()), "in"), false);
    }

    private static CliRun read(Path file) {
        CliRun run = CliRun.run("recv", "--read-pcap", file.toString(), "-f", "json");
        assertEquals(0, run.status, run.toString());
        return run;
    }

    /** Each live line must have its offline twin (same IP id, same occurrence), equal but for the fields files lack. */
    private static void compare(List<String> live, Map<String, String> offline, boolean ethernet) {
        assertTrue(live.size() >= 3, live.toString());
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String line : live) {
            String id = id(line);
            int n = seen.merge(id, 1, Integer::sum);
            String twin = offline.get(id + "#" + n);
            assertTrue(twin != null, () -> "no offline packet with IP id " + id + " (#" + n + ") for " + line
                    + "\noffline: " + offline.keySet());
            assertEquals(strip(line, ethernet), strip(twin, ethernet));
            // A live packet without an index (0: no IP_PKTINFO came with it) has nothing to compare.
            if (!ethernet && !ifindex(line).equals("0")) {
                assertTrue(twin.contains("\"ifindex\":" + ifindex(line) + ","), "SLL2 keeps the interface index: " + twin);
            }
        }
    }

    private static Map<String, String> byIdAndOccurrence(List<String> lines, String direction) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher d = DIRECTION.matcher(line);
            if (direction != null && !(d.find() && d.group(1).equals(direction))) {
                continue;
            }
            String id = id(line);
            out.put(id + "#" + seen.merge(id, 1, Integer::sum), line);
        }
        return out;
    }

    private static String id(String line) {
        Matcher m = ID.matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    private static String ifindex(String line) {
        Matcher m = Pattern.compile("\"ifindex\":(\\d+)").matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    /** The line without ifindex, iface and direction (and without the Ethernet direction, which a pcap lacks). */
    private static String strip(String line, boolean ethernet) {
        return line.replaceFirst("\"ifindex\":\\d+,\"iface\":(null|\"[^\"]*\"),", "")
                .replaceFirst("\"direction\":\"[a-z]+\",", "");
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /** tcpdump writing nanosecond pcap, started and listening (it says so on stderr) before we go on. */
    private static Process tcpdump(String iface, Path file, String filter) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-i", iface, "-U", "--immediate-mode", "--time-stamp-precision=nano", "-w",
                file.toString(), filter).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        Future<Boolean> listening = POOL.submit(() -> {
            for (String l = err.readLine(); l != null; l = err.readLine()) {
                if (l.contains("listening on")) {
                    return true;
                }
            }
            return false;
        });
        assertTrue(listening.get(30, TimeUnit.SECONDS), "tcpdump -i " + iface + " did not start");
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(Path.of("/proc/self")));
    }
}
