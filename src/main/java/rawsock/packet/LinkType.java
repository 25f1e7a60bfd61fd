package rawsock.packet;

/**
 * Where captured bytes begin. Decides the first decoder, the filter offsets and the pcap link
 * type written for a capture.
 */
public enum LinkType {
    /** Bytes start at an IPv4 or IPv6 header (raw IP sockets): pcap LINKTYPE_RAW. */
    RAW(101),
    /** Bytes start at an Ethernet header (packet sockets): pcap LINKTYPE_ETHERNET. */
    ETHERNET(1);

    private final int pcapCode;

    LinkType(int pcapCode) {
        this.pcapCode = pcapCode;
    }

    /** The LINKTYPE_ number that a pcap file header carries for this kind of capture. */
    public int pcapCode() {
        return pcapCode;
    }
}
