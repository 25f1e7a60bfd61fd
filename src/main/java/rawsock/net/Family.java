package rawsock.net;

/** The socket families rawsock opens raw sockets in. */
public enum Family {
    /** AF_INET raw socket: IPv4 packets, the IPv4 header included on receive. */
    INET(LinuxConstants.AF_INET),
    /** AF_INET6 raw socket: the kernel delivers and expects IPv6 payloads without the header. */
    INET6(LinuxConstants.AF_INET6),
    /** AF_PACKET raw socket: whole link-layer frames. */
    PACKET(LinuxConstants.AF_PACKET);

    private final int value;

    Family(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }
}
