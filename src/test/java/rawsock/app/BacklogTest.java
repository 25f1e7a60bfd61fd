package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.filter.BpfProgram;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterTarget;
import rawsock.net.Family;
import rawsock.net.Interfaces;
import rawsock.net.LinuxConstants;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveBatch;
import rawsock.packet.PacketMeta;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * Packets the kernel queued on recv's socket before its filter was attached are read and judged
 * by the same program in user space: kept when it matches, left out when not; with no filter,
 * all kept. Real sockets: marked UDP datagrams from a JDK socket to two ports, A (the filter's)
 * and B, each received by a JDK socket before the next goes out (lo hands a packet to raw and
 * packet sockets before UDP gets it, so it is queued on ours by then). Some are sent before the
 * filter is attached, some after (the kernel filters those); the capture queue must then hold
 * every A datagram, in order, and no B, however many other packets share lo.
 */
@RequiresRoot
class BacklogTest {
    private static final int BEFORE = 40;
    private static final int AFTER = 20;

    @Test
    void ipv4RawSocket() throws Exception {
        check(Family.INET, RecvSpec.Mode.IPV4, FilterTarget.IPV4_RAW, "127.0.0.1", true);
    }

    @Test
    void ipv6RawSocket() throws Exception {
        check(Family.INET6, RecvSpec.Mode.IPV6, FilterTarget.IPV6_RAW, "::1", true);
    }

    @Test
    void packetSocket() throws Exception {
        check(Family.PACKET, RecvSpec.Mode.LINK, FilterTarget.ETHERNET, "127.0.0.1", true);
    }

    @Test
    void withoutAFilterNothingQueuedIsLeftOut() throws Exception {
        check(Family.INET, RecvSpec.Mode.IPV4, FilterTarget.IPV4_RAW, "127.0.0.1", false);
    }

    private static void check(Family family, RecvSpec.Mode mode, FilterTarget target, String host, boolean filtered)
            throws Exception {
        InetAddress address = InetAddress.getByName(host);
        String mark = Marks.payload();
        try (DatagramSocket portA = new DatagramSocket(0, address); DatagramSocket portB = new DatagramSocket(0, address);
                DatagramSocket sender = new DatagramSocket(0, address);
                RawSocket socket = RawSocket.open(family, family == Family.PACKET ? LinuxConstants.ETH_P_ALL : 17)) {
            portA.setSoTimeout(10_000);
            portB.setSoTimeout(10_000);
            int a = portA.getLocalPort();
            int b = portB.getLocalPort();
            socket.setReceiveBuffer(8 << 20);
            socket.enableTimestamps();
            int headroom = 0;
            if (family == Family.PACKET) {
                socket.enableAuxData();
                socket.bindLink(Interfaces.indexOf("lo"), LinuxConstants.ETH_P_ALL);
                headroom = ReceiveBatch.VLAN_HEADROOM;
            } else {
                socket.enablePacketInfo();
                headroom = family == Family.INET6 ? Ipv6HeaderRebuilder.HEADROOM : 0;
            }
            sendDelivered(sender, portA, portB, address, mark, 0, BEFORE);
            BpfProgram program = null;
            if (filtered) {
                program = FilterCompiler.compile("udp and dst port " + a, target);
                socket.attachFilter(program.toByteArray(ByteOrder.nativeOrder()));
            }
            sendDelivered(sender, portA, portB, address, mark, BEFORE, AFTER);

            RecvSpec.Builder builder = new RecvSpec.Builder();
            builder.mode = mode;
            builder.protocol = 17;
            RecvSpec spec = builder.build();
            CaptureQueue queue = new CaptureQueue(16 << 20);
            try {
                Capture capture = new Capture(spec, queue, null);
                BacklogFilter judge = new BacklogFilter(program, mode, 0);
                long read = capture.readBacklog(socket, new ReceiveBatch(32, 65535, headroom), judge, 1_000_000);
                queue.finish();
                // Each datagram once, or on lo twice (out and in) for a packet socket.
                int copies = family == Family.PACKET ? 2 : 1;
                assertTrue(read >= (long) copies * (2 * BEFORE + AFTER), read + " packets read");
                List<String> seen = marked(queue, mark, family == Family.PACKET ? 14 : 0);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < BEFORE + AFTER; i++) {
                    for (int copy = 0; copy < copies; copy++) {
                        expected.add(a + ":" + i);
                    }
                    if (!filtered) {
                        for (int copy = 0; copy < copies; copy++) {
                            expected.add(b + ":" + i);
                        }
                    }
                }
                assertEquals(expected, seen, "judged " + judge.judged() + ", left out " + judge.rejected());
                if (filtered) {
                    assertTrue(judge.rejected() >= (long) copies * BEFORE, judge.rejected() + " left out");
                }
            } finally {
                queue.release();
            }
        }
    }

    /**
     * Sends datagrams {@code from}..{@code from + count - 1}, each to A and then to B, each
     * received there before the next is sent.
     */
    private static void sendDelivered(DatagramSocket sender, DatagramSocket portA, DatagramSocket portB,
            InetAddress address, String mark, int from, int count) throws Exception {
        byte[] in = new byte[256];
        for (int i = from; i < from + count; i++) {
            byte[] payload = (mark + ":" + i).getBytes(StandardCharsets.US_ASCII);
            for (DatagramSocket to : List.of(portA, portB)) {
                sender.send(new DatagramPacket(payload, payload.length, address, to.getLocalPort()));
                to.receive(new DatagramPacket(in, in.length));
            }
        }
    }

    /** "port:number" of every queued UDP datagram carrying {@code mark}, in queue order. */
    private static List<String> marked(CaptureQueue queue, String mark, int ipOffset) {
        List<String> seen = new ArrayList<>();
        PacketMeta meta = new PacketMeta();
        ByteBuffer packet;
        while ((packet = queue.poll(meta)) != null) {
            int at = packet.position() + ipOffset;
            int version = (packet.get(at) & 0xff) >> 4;
            int udp = version == 4 ? at + (packet.get(at) & 0x0f) * 4 : at + 40;
            int next = version == 4 ? packet.get(at + 9) : packet.get(at + 6);
            if (next != 17 || udp + 8 > packet.limit()) {
                continue;
            }
            byte[] payload = new byte[packet.limit() - udp - 8];
            packet.get(udp + 8, payload);
            String text = new String(payload, StandardCharsets.US_ASCII);
            if (text.startsWith(mark + ":")) {
                seen.add((packet.getShort(udp + 2) & 0xffff) + ":" + text.substring(mark.length() + 1));
            }
        }
        return seen;
    }
}
