package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import rawsock.filter.FilterCompiler;
import rawsock.filter.FilterTarget;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/**
 * The ring on a real packet socket bound to lo, its filter isolating a random UDP port: it wraps
 * around (so blocks are really given back), the kernel says the socket is TPACKET_V3 and drops
 * nothing; and a ring the kernel refuses leaves the socket receiving with recvmmsg, which is what
 * recv falls back to.
 */
@RequiresRoot
class PacketRingTest {
    private static RawSocket socket(int port) throws Exception {
        RawSocket socket = RawSocket.open(Family.PACKET, LinuxConstants.ETH_P_ALL);
        socket.bindLink(Interfaces.indexOf("lo"), LinuxConstants.ETH_P_ALL);
        socket.attachFilter(FilterCompiler.compile("udp and dst port " + port, FilterTarget.ETHERNET)
                .toByteArray(ByteOrder.nativeOrder()));
        socket.drain();
        return socket;
    }

    private static void send(DatagramSocket sender, int port, int round) throws Exception {
        byte[] payload = {(byte) round, 1, 2, 3};
        sender.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("127.0.0.1"), port));
    }

    /** Receives until {@code want} frames came (at most 5 s); returns their last payload bytes. */
    private static int receive(PacketSource source, int want, int round) throws Exception {
        ReceiveInfo info = new ReceiveInfo();
        int got = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got < want && System.nanoTime() < deadline) {
            int n = source.receive();
            for (int i = 0; i < n; i++) {
                ByteBuffer frame = source.next(info);
                if (frame == null) {
                    break;
                }
                // Ethernet 14 + IPv4 20 + UDP 8, then our 4 bytes: the first says which round.
                assertEquals(46, frame.remaining());
                assertEquals(round, frame.get(frame.position() + 42));
                assertEquals(1, info.ifindex());
                got++;
            }
        }
        return got;
    }

    @Test
    void theRingWrapsAroundAndTheKernelSeesEveryBlockGivenBack() throws Exception {
        int port = Marks.freeUdpPort();
        // 4 blocks of 64 KiB; 12 rounds of one datagram each retire 12 blocks: three times round.
        PacketRing.Geometry geometry = PacketRing.Geometry.of(2048, 256 << 10);
        assertEquals(4, geometry.blockCount());
        try (RawSocket socket = socket(port); DatagramSocket sender = new DatagramSocket();
                PacketRing ring = PacketRing.map(socket, geometry, 2048, 100)) {
            assertEquals(LinuxConstants.TPACKET_V3,
                    socket.getInt(LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_VERSION, "PACKET_VERSION"));
            socket.packetStatistics();
            for (int round = 0; round < 12; round++) {
                send(sender, port, round);
                assertEquals(2, receive(ring, 2, round), "round " + round + ": out and in");
            }
            PacketStatistics stats = socket.packetStatistics();
            assertEquals(24, stats.packets(), "frames the kernel handled");
            assertEquals(0, stats.drops(), "dropped");
            assertEquals(0, stats.ringFullCount(), "times the ring was full");
        }
    }

    @Test
    void aRefusedRingLeavesTheSocketReceivingWithRecvmmsg() throws Exception {
        int port = Marks.freeUdpPort();
        try (RawSocket socket = socket(port); DatagramSocket sender = new DatagramSocket()) {
            // Blocks must be whole pages: the kernel refuses this one.
            PacketRing.Geometry bad = new PacketRing.Geometry(1000, 2, 512);
            NativeException e = assertThrows(NativeException.class, () -> PacketRing.map(socket, bad, 512, 100));
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.getMessage().contains("PACKET_RX_RING"), e.getMessage());
            socket.enableAuxData();
            try (BatchSource batches = new BatchSource(socket, new ReceiveBatch(8, 2048, ReceiveBatch.VLAN_HEADROOM),
                    100_000)) {
                send(sender, port, 7);
                assertEquals(2, receive(batches, 2, 7));
            }
        }
    }
}
