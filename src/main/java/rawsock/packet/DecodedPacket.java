package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * The layers a decoder found in one packet, outermost first. Reused from packet to packet (the
 * decoder clears and refills it), so it holds references to reused {@link Layer} views, and
 * allocates nothing itself: the summary addresses stay bytes in the packet until someone asks
 * for them ({@link #src()} makes a String once, {@link #appendSrc} none). Like the views, it
 * reads the packet's buffer, so it is valid until the next packet is received into that buffer.
 *
 * <p>An ICMP or ICMPv6 error quotes the start of the packet that caused it; the decoder adds the
 * quoted packet's layers after {@link #markQuotedStart()}, so writers can show them apart (JSON
 * nests them under "quoted").
 */
public final class DecodedPacket {
    /** Deeper nesting than this is hostile input; further layers are dropped, not decoded. */
    public static final int MAX_LAYERS = 16;

    private final Layer[] layers = new Layer[MAX_LAYERS];
    private int size;
    private int quotedStart = -1;
    /** No summary addresses; or text given whole (ARP); else addressKind is their length in bytes. */
    private static final int NONE = 0;
    private static final int TEXT = -1;

    private int addressKind;
    private ByteBuffer addressBytes;
    private int srcIndex;
    private int dstIndex;
    private String src;
    private String dst;
    private String proto;

    public void clear() {
        for (int i = 0; i < size; i++) {
            layers[i] = null;
        }
        size = 0;
        quotedStart = -1;
        addressKind = NONE;
        addressBytes = null;
        src = null;
        dst = null;
        proto = null;
    }

    /** Appends a layer; returns false (and keeps nothing) when {@link #MAX_LAYERS} is reached. */
    public boolean add(Layer layer) {
        if (size == MAX_LAYERS) {
            return false;
        }
        layers[size++] = layer;
        return true;
    }

    /** Layers added from now on belong to the packet quoted inside an ICMP error. */
    public void markQuotedStart() {
        if (quotedStart < 0) {
            quotedStart = size;
        }
    }

    public int size() {
        return size;
    }

    public Layer layer(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return layers[index];
    }

    /** Index of the first quoted layer, or {@link #size()} when the packet quotes none. */
    public int quotedStart() {
        return quotedStart < 0 ? size : quotedStart;
    }

    /** True when any layer ended early. */
    public boolean truncated() {
        for (int i = 0; i < size; i++) {
            if (layers[i].truncated()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The summary addresses are the IPv4 (4), IPv6 (16) or MAC (6) addresses at absolute
     * {@code srcIndex} and {@code dstIndex} of {@code bytes}.
     */
    void addresses(int length, ByteBuffer bytes, int srcIndex, int dstIndex) {
        addressKind = length;
        addressBytes = bytes;
        this.srcIndex = srcIndex;
        this.dstIndex = dstIndex;
        src = null;
        dst = null;
    }

    /**
     * Source of the outermost network layer: an IP address; for an ARP frame the sender's IPv4
     * address; for other frames without IP the source MAC. Null when the bytes are missing.
     */
    public String src() {
        if (src == null && addressKind > 0) {
            src = AddressFormat.text(addressBytes, srcIndex, addressKind);
        }
        return src;
    }

    public void src(String value) {
        addressKind = TEXT;
        this.src = value;
    }

    /** Destination of the outermost network layer, or null. */
    public String dst() {
        if (dst == null && addressKind > 0) {
            dst = AddressFormat.text(addressBytes, dstIndex, addressKind);
        }
        return dst;
    }

    public void dst(String value) {
        addressKind = TEXT;
        this.dst = value;
    }

    /** Appends {@link #src()} without making a String; false (nothing appended) when there is none. */
    public boolean appendSrc(StringBuilder text) {
        return append(text, src, srcIndex);
    }

    /** Appends {@link #dst()} without making a String; false when there is none. */
    public boolean appendDst(StringBuilder text) {
        return append(text, dst, dstIndex);
    }

    private boolean append(StringBuilder text, String made, int index) {
        if (made != null) {
            text.append(made);
            return true;
        }
        return addressKind > 0 && AddressFormat.append(text, addressBytes, index, addressKind);
    }

    /**
     * Name of the outermost protocol above IP ("icmp", "udp", "tcp", ...), the protocol number
     * as text when it has no decoder; for frames without IP "arp", "llc" for an 802.3 frame, or
     * the EtherType as hex text ("0x88cc").
     */
    public String proto() {
        return proto;
    }

    public void proto(String value) {
        this.proto = value;
    }
}
