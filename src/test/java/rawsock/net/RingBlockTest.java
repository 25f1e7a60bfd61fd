package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.output.Hex;
import rawsock.packet.EtherType;
import rawsock.packet.PacketMeta;

/**
 * The ring's block walk over synthetic blocks laid out as the kernel lays them out (offsets from
 * {@link Layouts}, which LayoutsTest checks against the C headers): frames in order with their
 * metadata, a VLAN tag put back, the snap length applied, and hostile headers that must end the
 * walk without an exception or an endless loop.
 */
class RingBlockTest {
    private static final int BLOCK = 4096;
    /** Where the kernel puts an Ethernet frame: TPACKET_ALIGN(68 + 16) - 14. */
    private static final int MAC = 82;
    private static final long SEC = 1_795_000_000L;

    /** A block being built: frames appended as the kernel appends them. */
    private static final class Builder {
        final ByteBuffer ring;
        final int base;
        int offset = Layouts.TPACKET_BLOCK_DESC_SIZE;
        int previous = -1;
        int count;

        Builder(ByteBuffer ring, int base) {
            this.ring = ring;
            this.base = base;
        }

        /** Appends a frame; returns its offset in the block. */
        int frame(byte[] bytes, int wireLength, int pktType, int ifindex, int status, int tci, int tpid, long nanos) {
            int at = base + offset;
            if (previous >= 0) {
                ring.putInt(previous + Layouts.TP3_NEXT_OFFSET, at - previous);
            }
            ring.putInt(at + Layouts.TP3_NEXT_OFFSET, 0);
            ring.putInt(at + Layouts.TP3_SEC, (int) SEC);
            ring.putInt(at + Layouts.TP3_NSEC, (int) nanos);
            ring.putInt(at + Layouts.TP3_SNAPLEN, bytes.length);
            ring.putInt(at + Layouts.TP3_LEN, wireLength);
            ring.putInt(at + Layouts.TP3_STATUS, LinuxConstants.TP_STATUS_USER | status);
            ring.putShort(at + Layouts.TP3_MAC, (short) MAC);
            ring.putShort(at + Layouts.TP3_NET, (short) (MAC + 14));
            ring.putInt(at + Layouts.TP3_VLAN_TCI, tci);
            ring.putShort(at + Layouts.TP3_VLAN_TPID, (short) tpid);
            int sll = at + Layouts.TP3_SOCKADDR_LL;
            ring.putShort(sll + Layouts.SLL_FAMILY, (short) LinuxConstants.AF_PACKET);
            ring.putShort(sll + Layouts.SLL_PROTOCOL, Short.reverseBytes((short) EtherType.IPV4));
            ring.putInt(sll + Layouts.SLL_IFINDEX, ifindex);
            ring.put(sll + Layouts.SLL_PKTTYPE, (byte) pktType);
            ring.put(sll + Layouts.SLL_HALEN, (byte) 6);
            ring.put(at + MAC, bytes);
            previous = at;
            offset += (MAC + bytes.length + 7) & ~7;
            count++;
            close();
            return at - base;
        }

        void close() {
            ring.putInt(base + Layouts.BLOCK_VERSION, LinuxConstants.TPACKET_V3 + 1);
            ring.putInt(base + Layouts.BLOCK_STATUS, LinuxConstants.TP_STATUS_USER);
            ring.putInt(base + Layouts.BLOCK_NUM_PKTS, count);
            ring.putInt(base + Layouts.BLOCK_OFFSET_TO_FIRST_PKT, Layouts.TPACKET_BLOCK_DESC_SIZE);
            ring.putInt(base + Layouts.BLOCK_LEN, offset);
        }
    }

    private static ByteBuffer ring(int blocks) {
        return ByteBuffer.allocateDirect(blocks * BLOCK).order(ByteOrder.nativeOrder());
    }

    private static byte[] frame(String hex) {
        return Hex.decode(hex);
    }

    /** dst 02..01, src 02..02, IPv4, then a few bytes standing for the packet. */
    private static final String ETH = "020000000001" + "020000000002" + "0800" + "4500001c";

    /** Walks the block; returns each frame as hex, with its description beside it. */
    private static List<String> walk(ByteBuffer ring, int base, int snaplen, List<ReceiveInfo> infos) {
        RingBlock block = new RingBlock();
        ByteBuffer packets = ring.duplicate().order(ByteOrder.BIG_ENDIAN);
        List<String> frames = new ArrayList<>();
        int announced = block.begin(ring, base, BLOCK);
        for (int i = 0; i < announced + 2; i++) {   // asking past the end must keep answering -1
            ReceiveInfo info = new ReceiveInfo();
            int start = block.next(ring, info, snaplen);
            if (start < 0) {
                continue;
            }
            assertTrue(i < announced, "more frames than the block announced");
            packets.limit(start + info.capturedLength()).position(start);
            byte[] bytes = new byte[packets.remaining()];
            packets.get(bytes);
            frames.add(Hex.encode(bytes));
            infos.add(info);
        }
        return frames;
    }

    @Test
    void framesComeInOrderWithTheirKernelMetadata() {
        ByteBuffer ring = ring(2);
        Builder b = new Builder(ring, BLOCK);   // the second block: offsets are relative to its base
        b.frame(frame(ETH + "01"), 60, PacketMeta.PKTTYPE_OUTGOING, 1, 0, 0, 0, 5);
        b.frame(frame(ETH + "0202"), 60, PacketMeta.PKTTYPE_HOST, 1, 0, 0, 0, 999_999_999);
        b.frame(frame(ETH + "030303"), 1514, PacketMeta.PKTTYPE_BROADCAST, 7, 0, 0, 0, 0);
        List<ReceiveInfo> infos = new ArrayList<>();
        List<String> frames = walk(ring, BLOCK, 65535, infos);
        assertEquals(List.of(ETH + "01", ETH + "0202", ETH + "030303"), frames);
        assertEquals(SEC * 1_000_000_000L + 5, infos.get(0).timestampNanos());
        assertEquals(SEC * 1_000_000_000L + 999_999_999, infos.get(1).timestampNanos());
        assertEquals(PacketMeta.PKTTYPE_OUTGOING, infos.get(0).pktType());
        assertEquals(PacketMeta.PKTTYPE_HOST, infos.get(1).pktType());
        assertEquals(PacketMeta.PKTTYPE_BROADCAST, infos.get(2).pktType());
        assertEquals(7, infos.get(2).ifindex());
        assertEquals(EtherType.IPV4, infos.get(2).linkProtocol());
        assertEquals(1514, infos.get(2).wireLength());
        assertEquals(21, infos.get(2).capturedLength());
        assertEquals(-1, infos.get(0).vlanTci());
    }

    @Test
    void theSnapLengthCutsTheCaptureButNotTheWireLength() {
        ByteBuffer ring = ring(1);
        new Builder(ring, 0).frame(frame(ETH + "0102030405"), 1000, 0, 1, 0, 0, 0, 0);
        List<ReceiveInfo> infos = new ArrayList<>();
        assertEquals(List.of(ETH.substring(0, 28)), walk(ring, 0, 14, infos));
        assertEquals(1000, infos.get(0).wireLength());
        assertEquals(14, infos.get(0).capturedLength());
    }

    @Test
    void aVlanTagTheKernelTookOutIsPutBackAsOnTheWire() {
        ByteBuffer ring = ring(1);
        Builder b = new Builder(ring, 0);
        b.frame(frame(ETH + "aa"), 60, 0, 1, LinuxConstants.TP_STATUS_VLAN_VALID, 0x2064, 0, 0);
        b.frame(frame(ETH + "bb"), 60, 0, 1, LinuxConstants.TP_STATUS_VLAN_VALID | LinuxConstants.TP_STATUS_VLAN_TPID_VALID,
                0x0005, 0x88a8, 0);
        b.frame(frame(ETH + "cc"), 60, 0, 1, 0, 0x0777, 0x8100, 0);   // tci without VLAN_VALID: no tag
        List<ReceiveInfo> infos = new ArrayList<>();
        List<String> frames = walk(ring, 0, 65535, infos);
        String macs = ETH.substring(0, 24);
        String rest = ETH.substring(24);
        assertEquals(List.of(macs + "81002064" + rest + "aa", macs + "88a80005" + rest + "bb", ETH + "cc"), frames);
        assertEquals(0x2064, infos.get(0).vlanTci());
        assertEquals(64, infos.get(0).wireLength());
        assertEquals(23, infos.get(0).capturedLength());
        // Cut to the snap length after the tag is in, as the recvmmsg path does.
        Builder again = new Builder(ring(1), 0);
        again.frame(frame(ETH + "aa"), 60, 0, 1, LinuxConstants.TP_STATUS_VLAN_VALID, 100, 0, 0);
        assertEquals(List.of(macs + "8100"), walk(again.ring, 0, 14, new ArrayList<>()));
    }

    @Test
    void aFrameTooShortForItsAddressesKeepsItsBytesUntagged() {
        ByteBuffer ring = ring(1);
        new Builder(ring, 0).frame(frame("0200000000010200"), 8, 0, 1, LinuxConstants.TP_STATUS_VLAN_VALID, 5, 0, 0);
        assertEquals(List.of("0200000000010200"), walk(ring, 0, 65535, new ArrayList<>()));
    }

    @Test
    void anEmptyOrForeignBlockYieldsNothing() {
        ByteBuffer ring = ring(1);
        assertEquals(List.of(), walk(ring, 0, 65535, new ArrayList<>()));   // all zero: no first packet offset
        Builder b = new Builder(ring, 0);
        b.frame(frame(ETH), 60, 0, 1, 0, 0, 0, 0);
        ring.putInt(Layouts.BLOCK_NUM_PKTS, 0);
        assertEquals(List.of(), walk(ring, 0, 65535, new ArrayList<>()));
    }

    @Test
    void hostileOffsetsEndTheWalkAtTheLastGoodFrame() {
        int[] badNext = {0, 1, Layouts.TPACKET3_HDR_SIZE - 1, 40, BLOCK, BLOCK - 20, -1, Integer.MIN_VALUE};
        for (int next : badNext) {
            ByteBuffer ring = ring(1);
            Builder b = new Builder(ring, 0);
            int first = b.frame(frame(ETH + "01"), 60, 0, 1, 0, 0, 0, 0);
            b.frame(frame(ETH + "02"), 60, 0, 1, 0, 0, 0, 0);
            b.frame(frame(ETH + "03"), 60, 0, 1, 0, 0, 0, 0);
            ring.putInt(first + Layouts.TP3_NEXT_OFFSET, next);
            assertEquals(List.of(ETH + "01"), walk(ring, 0, 65535, new ArrayList<>()), "tp_next_offset " + next);
        }
        // A frame whose bytes run past the block, or whose tp_mac points into its own header.
        for (int[] bad : new int[][] {{Layouts.TP3_SNAPLEN, BLOCK}, {Layouts.TP3_SNAPLEN, -1}, {Layouts.TP3_MAC, 0},
            {Layouts.TP3_MAC, 60}, {Layouts.TP3_MAC, 0xffff}}) {
            ByteBuffer ring = ring(1);
            Builder b = new Builder(ring, 0);
            b.frame(frame(ETH + "01"), 60, 0, 1, 0, 0, 0, 0);
            int second = b.frame(frame(ETH + "02"), 60, 0, 1, 0, 0, 0, 0);
            if (bad[0] == Layouts.TP3_MAC) {
                ring.putShort(second + bad[0], (short) bad[1]);
            } else {
                ring.putInt(second + bad[0], bad[1]);
            }
            assertEquals(List.of(ETH + "01"), walk(ring, 0, 65535, new ArrayList<>()), "field " + bad[0] + " = " + bad[1]);
        }
    }

    @Test
    void aBlockThatClaimsMoreThanFitsOrAHugeLengthStaysInsideTheBlock() {
        ByteBuffer ring = ring(2);
        Builder b = new Builder(ring, 0);
        b.frame(frame(ETH + "01"), 60, 0, 1, 0, 0, 0, 0);
        ring.putInt(Layouts.BLOCK_NUM_PKTS, -1);            // 4 billion packets
        ring.putInt(Layouts.BLOCK_LEN, -1);                 // longer than the block
        assertEquals(List.of(ETH + "01"), walk(ring, 0, 65535, new ArrayList<>()));
        ring.putInt(Layouts.BLOCK_OFFSET_TO_FIRST_PKT, BLOCK);   // first packet outside the block
        assertEquals(List.of(), walk(ring, 0, 65535, new ArrayList<>()));
    }

    /** Random bytes, and random damage to a good block: never an exception, never more than fits. */
    @Test
    void randomBlocksNeverThrowAndEnd() {
        Random random = new Random(8);
        for (int round = 0; round < 3000; round++) {
            ByteBuffer ring = ring(1);
            if (round % 2 == 0) {
                byte[] noise = new byte[BLOCK];
                random.nextBytes(noise);
                ring.put(0, noise);
            } else {
                Builder b = new Builder(ring, 0);
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    b.frame(frame(ETH + "0102"), 60, 0, 1, random.nextInt(0x100), random.nextInt(), 0, 0);
                }
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    ring.put(random.nextInt(BLOCK), (byte) random.nextInt());
                }
            }
            List<String> frames = walk(ring, 0, 1 + random.nextInt(100), new ArrayList<>());
            assertTrue(frames.size() <= BLOCK / Layouts.TPACKET3_HDR_SIZE, "round " + round);
        }
    }
}
