package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Walks the link headers of an Ethernet frame through the views: the Ethernet header, then any
 * stack of VLAN tags (each TPID {@link EtherType#isVlanTpid}: 0x8100, 0x88a8 or 0x9100), up to
 * the type field that names the network layer. The decoder, the checksum repair and the replay
 * of captures all find the IP packet this way, so they agree on every frame.
 *
 * <p>One instance is reused from frame to frame; walking allocates nothing and never throws.
 * The views it returns are valid until the next {@link #walk}.
 */
public final class EthernetFrame {
    /** Deeper VLAN stacks than this are hostile or broken; the walk stops at the fifth tag. */
    public static final int MAX_VLAN_TAGS = 4;

    /** How a walk ended. */
    public enum End {
        /** The Ethernet header's own type field is cut: nothing past the MACs is known. */
        NO_TYPE_FIELD,
        /** A VLAN tag is cut before its type field; {@link #type} is its TPID. */
        TAG_CUT,
        /** More than {@link #MAX_VLAN_TAGS} tags; {@link #type} is the TPID of the one not walked. */
        TOO_MANY_TAGS,
        /** The walk reached the type field after the last tag: {@link #type} names the network layer. */
        NETWORK
    }

    private final Ethernet ethernet = new Ethernet();
    private final Vlan[] tags = new Vlan[MAX_VLAN_TAGS];
    private int tagCount;
    private int type;
    private int payloadOffset;
    private End end;

    public EthernetFrame() {
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Vlan();
        }
    }

    /** Walks the frame of {@code length} bytes at absolute {@code offset} in {@code buf}. */
    public EthernetFrame walk(ByteBuffer buf, int offset, int length) {
        int available = Math.max(0, length);
        ethernet.wrap(buf, offset, available);
        tagCount = 0;
        if (!ethernet.typePresent()) {
            end = End.NO_TYPE_FIELD;
            type = -1;
            payloadOffset = offset + available;
            return this;
        }
        int limit = offset + available;
        int at = ethernet.payloadOffset();
        int field = ethernet.typeField();
        end = End.NETWORK;
        while (EtherType.isVlanTpid(field)) {
            if (tagCount == tags.length) {
                end = End.TOO_MANY_TAGS;
                break;
            }
            Vlan tag = tags[tagCount++].wrap(buf, at, limit - at, field);
            if (!tag.typePresent()) {
                end = End.TAG_CUT;
                break;
            }
            field = tag.typeField();
            at = tag.payloadOffset();
        }
        type = field;
        payloadOffset = at;
        return this;
    }

    /** The walk over the bytes between {@code frame}'s position and limit. */
    public EthernetFrame walk(ByteBuffer frame) {
        return walk(frame, frame.position(), frame.remaining());
    }

    public End end() {
        return end;
    }

    public Ethernet ethernet() {
        return ethernet;
    }

    /** Tags walked, the cut one included. */
    public int tagCount() {
        return tagCount;
    }

    /** Tag {@code i}, outermost first. */
    public Vlan tag(int i) {
        return tags[i];
    }

    /**
     * The last type field read: after a complete walk the network layer's EtherType (or an 802.3
     * length); otherwise the TPID of the tag that was cut or not walked; -1 with no type field.
     */
    public int type() {
        return type;
    }

    /**
     * Absolute index where the walk stopped: the network header after a complete walk, or where
     * the tag that was cut or not walked starts its TCI.
     */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Absolute index of the IPv4 or IPv6 packet the frame carries, or -1 when it carries none. */
    public int ipOffset() {
        return end == End.NETWORK && (type == EtherType.IPV4 || type == EtherType.IPV6) ? payloadOffset : -1;
    }
}
