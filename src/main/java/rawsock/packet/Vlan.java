package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of one IEEE 802.1Q / 802.1ad VLAN tag over captured bytes, reused from frame to frame.
 * The view starts at the tag control information (TCI: priority, drop-eligible bit, VLAN id)
 * and covers it and the type field after it; the tag protocol identifier (TPID) sits before it,
 * in the type field of the Ethernet header or of the outer tag, and is handed over on
 * {@link #wrap}. Stacked tags (QinQ) are one view each, outermost first.
 *
 * <p>Linux usually takes the outer tag out of a received frame and keeps it beside the frame
 * (VLAN offload); a packet socket then shows the frame without it. Tags seen here were in the
 * bytes.
 */
public final class Vlan extends TypeFieldHeader implements Layer {
    /** TCI and the type field after it; the TPID belongs to the header before. */
    public static final int HEADER_LENGTH = 4;
    public static final int TCI_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int MAX_VID = 0xfff;
    /** The priority code point is 3 bits. */
    public static final int MAX_PCP = 7;

    private int tpid;

    public Vlan() {
        super(HEADER_LENGTH);
    }

    /**
     * Views the tag whose TCI is at absolute {@code offset}, {@code available} bytes present;
     * {@code tpid} is the type field that announced it (0x8100, 0x88a8, ...).
     */
    public Vlan wrap(ByteBuffer buf, int offset, int available, int tpid) {
        reset(buf, offset, available, available);
        this.tpid = tpid;
        return this;
    }

    @Override
    public String name() {
        return "vlan";
    }

    public int tpid() {
        return tpid;
    }

    public int tci() {
        return u16(TCI_OFFSET);
    }

    /** Priority code point, 0..7. */
    public int pcp() {
        return tci() >>> 13;
    }

    /** Drop eligible indicator (formerly CFI). */
    public boolean dei() {
        return (tci() & 0x1000) != 0;
    }

    /** VLAN identifier, 0..4095 (0: priority tag only; 4095 reserved). */
    public int vid() {
        return tci() & MAX_VID;
    }

    @Override
    public void fields(FieldSink out) {
        out.number("tpid", tpid);
        if (has(TCI_OFFSET, 2)) {
            out.number("pcp", pcp());
            out.flag("dei", dei());
            out.number("vid", vid());
        }
        closingFields(out);
    }

    /** Like tcpdump -e: "vlan 203, p 1, DEI, ethertype 802.1Q (0x8100)". */
    @Override
    public void describe(StringBuilder text) {
        if (!has(TCI_OFFSET, 2)) {
            text.append("[truncated vlan]");
            return;
        }
        text.append("vlan ").append(vid()).append(", p ").append(pcp());
        if (dei()) {
            text.append(", DEI");
        }
        if (!typePresent()) {
            return; // the writer marks the layer truncated
        }
        appendType(text);
    }
}
