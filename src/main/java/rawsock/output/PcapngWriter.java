package rawsock.output;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;
import rawsock.packet.PacketMeta;

/**
 * pcapng (the format Wireshark writes by default), little-endian: a Section Header Block at
 * construction; an Interface Description Block (name, link type, snaplen, if_tsresol = 9, i.e.
 * nanoseconds) the first time a packet of an interface arrives; one Enhanced Packet Block per
 * packet, carrying the interface and, where the capture knows it (packet sockets), the direction
 * and reception type in epb_flags; and at {@link #endOfCapture} one Interface Statistics Block
 * per interface (packets written, and the kernel's drop count on the first one, since the kernel
 * counts drops per socket, not per interface).
 *
 * <p>Interfaces are told apart by index, or by name when the index is unknown. Only a packet of a
 * new interface allocates (its IDB and the name's bytes); the rest reuse the writer's buffer.
 */
public final class PcapngWriter extends BufferedPacketWriter {
    static final int SHB = 0x0a0d0d0a;
    static final int IDB = 1;
    static final int ISB = 5;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int OPT_END = 0;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int EPB_FLAGS = 2;
    private static final int ISB_STARTTIME = 2;
    private static final int ISB_ENDTIME = 3;
    private static final int ISB_IFRECV = 4;
    private static final int ISB_OSDROP = 7;
    /** epb_flags bits 0-1: direction. */
    static final int FLAG_INBOUND = 1;
    static final int FLAG_OUTBOUND = 2;
    /** epb_flags bits 2-4: reception type. */
    static final int RECEPTION_UNICAST = 1 << 2;
    static final int RECEPTION_MULTICAST = 2 << 2;
    static final int RECEPTION_BROADCAST = 3 << 2;
    static final int RECEPTION_PROMISCUOUS = 4 << 2;

    private final LinkType link;
    private final int snaplen;
    private int[] ifindexes = new int[4];
    private int[] codes = new int[4];
    private String[] names = new String[4];
    private long[] packets = new long[4];
    private long[] firstNanos = new long[4];
    private long[] lastNanos = new long[4];
    private int interfaces;

    /**
     * @param snaplen the capture's snaplen for the IDBs, 1 to {@link PcapWriter#MAX_SNAPLEN}; 0
     *     means {@link PcapWriter#DEFAULT_SNAPLEN}. Longer packets are cut to it.
     */
    public PcapngWriter(OutputStream out, LinkType link, int snaplen, boolean flushEachPacket) {
        super(out, flushEachPacket);
        this.link = Objects.requireNonNull(link, "link");
        if (snaplen < 0 || snaplen > PcapWriter.MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen " + snaplen + " out of range (1 to "
                    + PcapWriter.MAX_SNAPLEN + ", 0 = default)");
        }
        this.snaplen = snaplen == 0 ? PcapWriter.DEFAULT_SNAPLEN : snaplen;
        byte[] app = "rawsock".getBytes(StandardCharsets.US_ASCII);
        int length = 28 + option(app.length) + 4;
        putIntLe(SHB);
        putIntLe(length);
        putIntLe(BYTE_ORDER_MAGIC);
        putShortLe(1);
        putShortLe(0);
        putLongLe(-1); // section length: not known in advance
        putOption(SHB_USERAPPL, app);
        putIntLe(OPT_END);
        putIntLe(length);
    }

    @Override
    void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) {
        int id = interfaceOf(meta, linkCode(packet));
        int incl = Math.min(capturedLength(packet), snaplen);
        int flags = flags(meta.pktType());
        int padded = pad(incl);
        int length = 28 + padded + (flags < 0 ? 0 : 8 + 4) + 4;
        long ts = meta.timestampNanos();
        packets[id]++;
        if (firstNanos[id] == 0) {
            firstNanos[id] = ts;
        }
        lastNanos[id] = ts;
        ensure(length);
        putIntLe(EPB);
        putIntLe(length);
        putIntLe(id);
        putIntLe((int) (ts >>> 32));
        putIntLe((int) ts);
        putIntLe(incl);
        putIntLe(wireLength(meta, packet));
        put(packet, packet.position(), incl);
        putZeros(padded - incl);
        if (flags >= 0) {
            putShortLe(EPB_FLAGS);
            putShortLe(4);
            putIntLe(flags);
            putIntLe(OPT_END);
        }
        putIntLe(length);
    }

    /**
     * One ISB per interface: packets written, first and last timestamps, and on the first
     * interface the kernel's drop count (isb_osdrop) when it is known (not negative).
     */
    @Override
    public void endOfCapture(long kernelDrops) {
        for (int id = 0; id < interfaces; id++) {
            boolean drops = id == 0 && kernelDrops >= 0;
            int length = 20 + 3 * 12 + (drops ? 12 : 0) + 4 + 4;
            long end = lastNanos[id];
            putIntLe(ISB);
            putIntLe(length);
            putIntLe(id);
            putIntLe((int) (end >>> 32));
            putIntLe((int) end);
            putLongOption(ISB_STARTTIME, firstNanos[id], true);
            putLongOption(ISB_ENDTIME, end, true);
            putLongOption(ISB_IFRECV, packets[id], false);
            if (drops) {
                putLongOption(ISB_OSDROP, kernelDrops, false);
            }
            putIntLe(OPT_END);
            putIntLe(length);
        }
    }

    /**
     * The IDB link type for this packet: Ethernet as it is; an IP packet as LINKTYPE_IPV4 (228)
     * or LINKTYPE_IPV6 (229) by its version, not RAW (101). libpcap (tcpdump) refuses a pcapng
     * with a second RAW interface: it compares the IDB's LINKTYPE with the first one's DLT, which
     * differ for RAW (12) but not for IPV4/IPV6.
     */
    private int linkCode(ByteBuffer packet) {
        if (link != LinkType.RAW) {
            return link.pcapCode();
        }
        int version = packet.hasRemaining() ? (packet.get(packet.position()) & 0xff) >>> 4 : 4;
        return version == 6 ? 229 : 228;
    }

    /** The id of the packet's interface, writing its IDB first when it is new. */
    private int interfaceOf(PacketMeta meta, int code) {
        int ifindex = meta.ifindex();
        String name = meta.ifname();
        for (int i = 0; i < interfaces; i++) {
            if (codes[i] == code && ifindexes[i] == ifindex && (ifindex != 0 || Objects.equals(names[i], name))) {
                return i;
            }
        }
        if (interfaces == ifindexes.length) {
            int n = interfaces * 2;
            ifindexes = Arrays.copyOf(ifindexes, n);
            codes = Arrays.copyOf(codes, n);
            names = Arrays.copyOf(names, n);
            packets = Arrays.copyOf(packets, n);
            firstNanos = Arrays.copyOf(firstNanos, n);
            lastNanos = Arrays.copyOf(lastNanos, n);
        }
        int id = interfaces++;
        ifindexes[id] = ifindex;
        codes[id] = code;
        names[id] = name;
        byte[] nameBytes = name == null || name.isEmpty() ? null : name.getBytes(StandardCharsets.UTF_8);
        int length = 16 + (nameBytes == null ? 0 : option(nameBytes.length)) + option(1) + 4 + 4;
        putIntLe(IDB);
        putIntLe(length);
        putShortLe(code);
        putShortLe(0);
        putIntLe(snaplen);
        if (nameBytes != null) {
            putOption(IF_NAME, nameBytes);
        }
        putOption(IF_TSRESOL, new byte[] {9});
        putIntLe(OPT_END);
        putIntLe(length);
        return id;
    }

    /** epb_flags for a packet socket's sll_pkttype; -1 (no option) when the socket gave none. */
    static int flags(int pktType) {
        switch (pktType) {
            case PacketMeta.PKTTYPE_HOST:
                return FLAG_INBOUND | RECEPTION_UNICAST;
            case PacketMeta.PKTTYPE_BROADCAST:
                return FLAG_INBOUND | RECEPTION_BROADCAST;
            case PacketMeta.PKTTYPE_MULTICAST:
                return FLAG_INBOUND | RECEPTION_MULTICAST;
            case PacketMeta.PKTTYPE_OTHERHOST:
                return FLAG_INBOUND | RECEPTION_PROMISCUOUS;
            case PacketMeta.PKTTYPE_OUTGOING:
                return FLAG_OUTBOUND;
            default:
                return -1;
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    /** Bytes an option with a value of n bytes takes: code, length, value padded to 4. */
    private static int option(int n) {
        return 4 + pad(n);
    }

    private void putOption(int code, byte[] value) {
        putShortLe(code);
        putShortLe(value.length);
        put(value, 0, value.length);
        putZeros(pad(value.length) - value.length);
    }

    /** A 64-bit option; timestamps are written high word first, as the spec lays them out. */
    private void putLongOption(int code, long value, boolean timestamp) {
        putShortLe(code);
        putShortLe(8);
        if (timestamp) {
            putIntLe((int) (value >>> 32));
            putIntLe((int) value);
        } else {
            putLongLe(value);
        }
    }

    private void putLongLe(long v) {
        putIntLe((int) v);
        putIntLe((int) (v >>> 32));
    }

    private void putZeros(int n) {
        for (int i = 0; i < n; i++) {
            put((byte) 0);
        }
    }
}
