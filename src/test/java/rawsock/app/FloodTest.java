package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/** --flood sends in sendmmsg batches: the count stays exact and every packet stays valid. */
@RequiresRoot
class FloodTest {
    @Test
    void aUdpFloodDeliversExactlyTheCount() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setReceiveBufferSize(16 << 20);
            receiver.setSoTimeout(1000);
            String payload = Marks.payload();
            // Not a multiple of the batch size: the last batch is a partial one.
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "127.0.0.1", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--flood", "-c", "5003", "--data", payload);
            assertEquals(0, run.status, run.toString());
            assertTrue(run.stderr.contains("sent 5003 packets"), run.stderr);
            int received = 0;
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            while (true) {
                try {
                    receiver.receive(packet);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (new String(packet.getData(), 0, packet.getLength(), "US-ASCII").equals(payload)) {
                    received++;
                }
            }
            assertEquals(5003, received, "each datagram delivered once, checksums valid");
        }
    }

    @Test
    void anIcmpFloodNumbersEveryPacketAndTheKernelAnswersEach() throws Exception {
        int id = Marks.id();
        int count = 130;
        try (Tcpdump tcpdump = Tcpdump.startBuffered("lo", "icmp and icmp[0] == 0 and icmp[4:2] == " + id)) {
            CliRun run = CliRun.run("send", "-d", "127.0.0.1", "--icmp-id", String.valueOf(id), "--flood", "-c",
                    String.valueOf(count));
            assertEquals(0, run.status, run.toString());
            List<String> lines = tcpdump.awaitLines("echo reply", count, 10_000);
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
