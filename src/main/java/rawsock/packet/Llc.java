package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The 2-byte type field that ends an Ethernet header and a VLAN tag, shared by {@link Ethernet}
 * and {@link Vlan}: an EtherType, or (below 0x0600) an IEEE 802.3 length followed by an 802.2
 * LLC header, of which DSAP, SSAP and the first control byte are shown and nothing is decoded.
 */
final class Llc {
    /** DSAP, SSAP and a one-byte (U-format) control field. */
    static final int HEADER_LENGTH = 3;
    static final String NOTE = "802.3 LLC, not decoded";

    private Llc() {
    }

    /**
     * Fields for the type field at absolute {@code index}, of which {@code present} bytes (the
     * field itself and what follows it) were captured; at least 2.
     */
    static void typeFields(FieldSink out, ByteBuffer buf, int index, int present) {
        int type = Bytes.u16(buf, index);
        if (type >= EtherType.MIN_ETHERTYPE) {
            out.number("ethertype", type);
            out.text("ethertype_name", EtherType.name(type));
            return;
        }
        out.number("len", type);
        out.text("note", NOTE);
        if (present >= 2 + HEADER_LENGTH) {
            out.number("dsap", Bytes.u8(buf, index + 2));
            out.number("ssap", Bytes.u8(buf, index + 3));
            out.number("ctrl", Bytes.u8(buf, index + 4));
        }
    }

    /** "ethertype IPv4 (0x0800)", or "802.3, length 39, LLC dsap 0x42 ssap 0x42 ctrl 0x03". */
    static void describeType(StringBuilder text, ByteBuffer buf, int index, int present) {
        int type = Bytes.u16(buf, index);
        if (type >= EtherType.MIN_ETHERTYPE) {
            text.append("ethertype ").append(EtherType.display(type)).append(" (").append(EtherType.hex(type))
                    .append(')');
            return;
        }
        text.append("802.3, length ").append(type);
        if (present >= 2 + HEADER_LENGTH) {
            text.append(", LLC dsap ");
            Bytes.appendHex8(text, Bytes.u8(buf, index + 2));
            text.append(" ssap ");
            Bytes.appendHex8(text, Bytes.u8(buf, index + 3));
            text.append(" ctrl ");
            Bytes.appendHex8(text, Bytes.u8(buf, index + 4));
        }
    }

    /** Why a type field below 0x0600 is impossible, or null. */
    static String malformed(int lengthField) {
        if (lengthField > EtherType.MAX_8023_LENGTH && lengthField < EtherType.MIN_ETHERTYPE) {
            return "type field between 1500 and 0x0600";
        }
        return null;
    }
}
