package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.RootCondition;
import rawsock.testing.Tcpdump;

/** --flood sends in sendmmsg batches: the count stays exact and every packet stays valid. */
@RequiresRoot
class FloodTest {
    /** Not a multiple of the batch size (64): the last batch is a partial one. */
    private static final int UDP_COUNT = 5003;
    /** The receive buffer asked for; the kernel caps the request at net.core.rmem_max. */
    private static final int RECEIVE_BUFFER = 16 << 20;
    /**
     * The least granted buffer (SO_RCVBUF reads back twice the capped request) that holds the
     * whole flood unread: a small datagram on lo takes about 830 bytes of buffer (its skb's
     * truesize; 1 KiB allowed here), 5003 of them about 4.2 MB. With the kernel's default
     * rmem_max (212992) the buffer holds about 500 and the kernel drops the rest: reading while
     * the flood runs does not keep up (measured: 500 to 1000 of 5003 arrived).
     */
    private static final int LEAST_GRANTED_BUFFER = UDP_COUNT * 1024;
    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");
    /** rmem_max as it was before {@link #raiseRmemMax} raised it; null if it was left alone. */
    private static String rmemMaxBefore;

    /**
     * Raises net.core.rmem_max to the buffer the UDP flood asks for, if it is lower and we are
     * root; {@link #restoreRmemMax} puts the old value back.
     */
    @BeforeAll
    static void raiseRmemMax() {
        if (!RootCondition.isRoot() || !Files.isWritable(RMEM_MAX)) {
            return;
        }
        try {
            String before = rmemMax();
            if (Long.parseLong(before) < RECEIVE_BUFFER) {
                rmemMaxBefore = before;
                Files.writeString(RMEM_MAX, RECEIVE_BUFFER + "\n");
            }
        } catch (IOException e) {
            // Refused (a container's read-only sysctls): the test says what buffer it was granted.
        }
    }

    @AfterAll
    static void restoreRmemMax() throws IOException {
        if (rmemMaxBefore != null) {
            Files.writeString(RMEM_MAX, rmemMaxBefore + "\n");
            rmemMaxBefore = null;
        }
    }

    /**
     * net.core.rmem_max as text. Read through a buffered reader: Files.readString, told by procfs
     * that the file is empty, reads one byte and then finds EOF (a sysctl read at an offset past
     * 0 is empty), so it would return "4" for 4194304.
     */
    private static String rmemMax() throws IOException {
        return Files.readAllLines(RMEM_MAX).get(0).strip();
    }

    private static String rmemMaxForMessage() {
        try {
            return rmemMax();
        } catch (IOException | RuntimeException e) {
            return "unreadable (" + e + ")";
        }
    }

    @Test
    void aUdpFloodDeliversExactlyTheCount() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setReceiveBufferSize(RECEIVE_BUFFER);
            int granted = receiver.getReceiveBufferSize();
            assertTrue(granted >= LEAST_GRANTED_BUFFER, "the receiver's buffer must hold the whole flood: granted "
                    + granted + " bytes, want at least " + LEAST_GRANTED_BUFFER + "; net.core.rmem_max is "
                    + rmemMaxForMessage() + ", and this test raises it only when run as root with a writable "
                    + RMEM_MAX);
            String payload = Marks.payload();
            long[] before = udpCounters();
            // The flood runs in the background while this thread reads: the buffer holds the lot
            // if the reader falls behind, and the count does not depend on when the flood ends.
            Future<CliRun> flood = pool.submit(() -> CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--flood", "-c", String.valueOf(UDP_COUNT), "--data",
                    payload));
            int received = countDatagrams(receiver, payload, flood);
            CliRun run = flood.get(60, TimeUnit.SECONDS);
            assertEquals(0, run.status, run.toString());
            assertTrue(run.stderr.contains("sent " + UDP_COUNT + " packets"), run.stderr);
            long[] after = udpCounters();
            assertEquals(UDP_COUNT, received, "each datagram delivered once, checksums valid (meanwhile, "
                    + "system-wide, Udp RcvbufErrors +" + (after[0] - before[0]) + ", InCsumErrors +"
                    + (after[1] - before[1]) + ")");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Counts the datagrams carrying {@code payload} while the flood runs and after it ended.
     * Once the flood is done every datagram is in the socket's queue or on its way through lo's
     * backlog: the count ends after a second of quiet once it reached {@link #UDP_COUNT} (a second
     * in which a duplicate would still show up), or after 20 s of the flood being done without
     * reaching it; 90 s in all at most.
     */
    private static int countDatagrams(DatagramSocket receiver, String payload, Future<CliRun> flood)
            throws IOException {
        receiver.setSoTimeout(200);
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        long start = System.nanoTime();
        long lastArrival = start;
        boolean floodDone = false;
        long floodDoneAt = start;
        int received = 0;
        for (int reads = 0; reads < 10 * UDP_COUNT + 10_000; reads++) {
            long now = System.nanoTime();
            if (now - start > TimeUnit.SECONDS.toNanos(90)) {
                break;
            }
            if (!floodDone && flood.isDone()) {
                floodDone = true;
                floodDoneAt = now;
            }
            if (floodDone) {
                if (received >= UDP_COUNT && now - lastArrival > TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
                if (now - floodDoneAt > TimeUnit.SECONDS.toNanos(20)) {
                    break;
                }
            }
            try {
                receiver.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            lastArrival = System.nanoTime();
            if (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII).equals(payload)) {
                received++;
            }
        }
        return received;
    }

    /** Udp RcvbufErrors and InCsumErrors from /proc/net/snmp (for failure messages only). */
    private static long[] udpCounters() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    return new long[] {Long.parseLong(values[names.indexOf("RcvbufErrors")]),
                        Long.parseLong(values[names.indexOf("InCsumErrors")])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // only a diagnostic
        }
        return new long[] {-1, -1};
    }

    @Test
    void anIcmpFloodNumbersEveryPacketAndTheKernelAnswersEach() throws Exception {
        int id = Marks.id();
        int count = 130;
        try (Tcpdump tcpdump = Tcpdump.startBuffered("lo", "icmp and icmp[0] == 0 and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(id), "--flood", "-c",
                    String.valueOf(count));
            assertEquals(0, run.status, run.toString());
            List<String> lines = tcpdump.awaitLines("echo reply", count, 30_000);
            Pattern seq = Pattern.compile("echo reply, id " + id + ", seq (\\d+)");
            Set<Integer> seen = new TreeSet<>();
            for (String line : lines) {
                Matcher m = seq.matcher(line);
                if (m.find()) {
                    seen.add(Integer.parseInt(m.group(1)));
                }
            }
            assertEquals(count, seen.size(), "one reply per sequence number 1.." + count + ": " + seen);
            assertEquals(1, ((TreeSet<Integer>) seen).first());
            assertEquals(count, ((TreeSet<Integer>) seen).last());
        }
    }
}
