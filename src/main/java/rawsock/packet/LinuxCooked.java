package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The "Linux cooked capture" headers that {@code tcpdump -i any} writes in place of a link-layer
 * header: SLL (LINKTYPE_LINUX_SLL 113, 16 bytes: packet type, ARPHRD type, address length and 8
 * address bytes, protocol) and SLL2 (LINKTYPE_LINUX_SLL2 276, 20 bytes: protocol, reserved,
 * interface index, ARPHRD type, packet type, address length, 8 address bytes). Numbers are big
 * endian. Reads never throw: a header cut short gives -1.
 */
public final class LinuxCooked {
    public static final int LINKTYPE_SLL = 113;
    public static final int LINKTYPE_SLL2 = 276;
    public static final int SLL_LENGTH = 16;
    public static final int SLL2_LENGTH = 20;

    private LinuxCooked() {
    }

    /** The header's length for a cooked link type; 0 for any other. */
    public static int headerLength(int linkType) {
        return linkType == LINKTYPE_SLL ? SLL_LENGTH : linkType == LINKTYPE_SLL2 ? SLL2_LENGTH : 0;
    }

    /** The protocol (an EtherType such as 0x0800) of the packet after the header, or -1. */
    public static int protocol(ByteBuffer b, int at, int linkType) {
        if (b.limit() - at < headerLength(linkType)) {
            return -1;
        }
        return Short.toUnsignedInt(b.getShort(at + (linkType == LINKTYPE_SLL ? 14 : 0)));
    }

    /** The sll_pkttype (0 host ... 4 outgoing, as {@link PacketMeta}'s constants), or -1. */
    public static int packetType(ByteBuffer b, int at, int linkType) {
        if (b.limit() - at < headerLength(linkType)) {
            return -1;
        }
        return linkType == LINKTYPE_SLL ? Short.toUnsignedInt(b.getShort(at)) : Byte.toUnsignedInt(b.get(at + 10));
    }

    /** SLL2's interface index; 0 for SLL (which has none) or a short header. */
    public static int ifindex(ByteBuffer b, int at, int linkType) {
        if (linkType != LINKTYPE_SLL2 || b.limit() - at < SLL2_LENGTH) {
            return 0;
        }
        return b.getInt(at + 4);
    }
}
