package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an Ethernet II / IEEE 802.3 header over captured bytes, reused from frame to frame:
 * destination and source MAC and the type field. A type field of {@link EtherType#MIN_ETHERTYPE}
 * or more is an EtherType; below it, it is an 802.3 length and an LLC header follows, which is
 * noted (its DSAP, SSAP and control byte) but not decoded further.
 *
 * <p>Frames as a packet socket hands them over: no preamble and no FCS. Getters return 0 for
 * bytes that are missing; nothing here throws on hostile bytes.
 */
public final class Ethernet extends TypeFieldHeader implements Layer {
    public static final int HEADER_LENGTH = 14;
    public static final int DST_OFFSET = 0;
    public static final int SRC_OFFSET = 6;
    public static final int TYPE_OFFSET = 12;
    /** ETH_ZLEN: the shortest frame on the wire without its 4-byte FCS. */
    public static final int MIN_FRAME = 60;

    public Ethernet() {
        super(HEADER_LENGTH);
    }

    public Ethernet wrap(ByteBuffer buf, int offset, int available) {
        reset(buf, offset, available, available);
        return this;
    }

    @Override
    public String name() {
        return "eth";
    }

    /** True when both addresses are present. */
    public boolean addressesPresent() {
        return has(DST_OFFSET, 12);
    }

    /** Destination MAC text, or null when its bytes are missing. */
    public String dstText() {
        return has(DST_OFFSET, MacAddress.LENGTH) ? MacAddress.format(buf, offset + DST_OFFSET) : null;
    }

    /** Source MAC text, or null when its bytes are missing. */
    public String srcText() {
        return has(SRC_OFFSET, MacAddress.LENGTH) ? MacAddress.format(buf, offset + SRC_OFFSET) : null;
    }

    /** Destination MAC (a copy), or null when missing. */
    public byte[] dst() {
        return copy(DST_OFFSET);
    }

    /** Source MAC (a copy), or null when missing. */
    public byte[] src() {
        return copy(SRC_OFFSET);
    }

    private byte[] copy(int rel) {
        if (!has(rel, MacAddress.LENGTH)) {
            return null;
        }
        byte[] mac = new byte[MacAddress.LENGTH];
        buf.get(offset + rel, mac);
        return mac;
    }

    @Override
    public void fields(FieldSink out) {
        if (has(DST_OFFSET, MacAddress.LENGTH)) {
            out.address("dst", buf, offset + DST_OFFSET, MacAddress.LENGTH);
        }
        if (has(SRC_OFFSET, MacAddress.LENGTH)) {
            out.address("src", buf, offset + SRC_OFFSET, MacAddress.LENGTH);
        }
        closingFields(out);
    }

    /** Like tcpdump -e: "aa:bb:cc:dd:ee:ff > ff:ff:ff:ff:ff:ff, ethertype IPv4 (0x0800)". */
    @Override
    public void describe(StringBuilder text) {
        if (!has(0, HEADER_LENGTH)) {
            text.append("[truncated eth]");
            if (addressesPresent()) {
                text.append(' ');
                appendAddresses(text);
            }
            return;
        }
        appendAddresses(text);
        appendType(text);
    }

    private void appendAddresses(StringBuilder text) {
        MacAddress.append(text, buf, offset + SRC_OFFSET);
        text.append(" > ");
        MacAddress.append(text, buf, offset + DST_OFFSET);
    }
}
