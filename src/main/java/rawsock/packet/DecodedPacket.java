package rawsock.packet;

/**
 * The layers a decoder found in one packet, outermost first. Reused from packet to packet (the
 * decoder clears and refills it), so it holds references to reused {@link Layer} views and a few
 * summary strings, and allocates nothing itself.
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
    private String src;
    private String dst;
    private String proto;

    public void clear() {
        for (int i = 0; i < size; i++) {
            layers[i] = null;
        }
        size = 0;
        quotedStart = -1;
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
     * Source of the outermost network layer: an IP address; for an ARP frame the sender's IPv4
     * address; for other frames without IP the source MAC. Null when the bytes are missing.
     */
    public String src() {
        return src;
    }

    public void src(String value) {
        this.src = value;
    }

    /** Destination of the outermost network layer, or null. */
    public String dst() {
        return dst;
    }

    public void dst(String value) {
        this.dst = value;
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
