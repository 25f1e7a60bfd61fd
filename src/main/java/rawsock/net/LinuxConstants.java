package rawsock.net;

/**
 * Linux constants rawsock uses, with the header each comes from. Values are the same on x86-64
 * and aarch64. jnr-constants lacks several of them (AF_PACKET, the PACKET_* family), so all live
 * here, in one place.
 */
public final class LinuxConstants {
    private LinuxConstants() {
    }

    // <bits/socket.h>
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int MSG_CTRUNC = 0x08;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_WAITFORONE = 0x10000;

    // <asm-generic/socket.h>
    public static final int SOL_SOCKET = 1;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_ATTACH_FILTER = 26;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_TIMESTAMPNS = 35;
    public static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    public static final int SO_RXQ_OVFL = 40;
    /** u32 sk_meminfo[SK_MEMINFO_VARS]; SK_MEMINFO_DROPS is index 8. */
    public static final int SO_MEMINFO = 55;
    static final int SK_MEMINFO_DROPS = 8;
    static final int SK_MEMINFO_VARS = 9;

    // <netinet/in.h>, <linux/in.h>. The IP protocol numbers themselves (the socket() protocol
    // argument of a raw socket) are the caller's: rawsock.packet.IpProtocol names them.
    public static final int SOL_IP = 0;
    public static final int IP_TOS = 1;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_PKTINFO = 8;
    public static final int IP_MTU_DISCOVER = 10;
    /** getsockopt on a connected socket: the path MTU the kernel knows toward its peer. */
    public static final int IP_MTU = 14;
    public static final int IP_MULTICAST_IF = 32;
    public static final int IP_MULTICAST_TTL = 33;
    public static final int IPV6_MULTICAST_IF = 17;
    public static final int IPV6_MULTICAST_HOPS = 18;
    public static final int SO_BROADCAST = 6;
    public static final int IPV6_MTU = 24;
    public static final int IP_PMTUDISC_DONT = 0;
    public static final int IP_PMTUDISC_DO = 2;

    // <linux/in6.h>, <linux/ipv6.h>
    public static final int SOL_IPV6 = 41;
    public static final int IPV6_CHECKSUM = 7;
    public static final int IPV6_FLOWINFO = 11;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_RECVPKTINFO = 49;
    public static final int IPV6_PKTINFO = 50;
    public static final int IPV6_RECVHOPLIMIT = 51;
    public static final int IPV6_HOPLIMIT = 52;
    public static final int IPV6_RECVTCLASS = 66;
    public static final int IPV6_TCLASS = 67;
    public static final int IPV6_HDRINCL = 36;

    // <linux/if_packet.h>, <linux/if_ether.h>
    public static final int SOL_PACKET = 263;
    public static final int PACKET_ADD_MEMBERSHIP = 1;
    public static final int PACKET_MR_PROMISC = 1;
    public static final int PACKET_RX_RING = 5;
    public static final int PACKET_STATISTICS = 6;
    public static final int PACKET_AUXDATA = 8;
    public static final int PACKET_VERSION = 10;
    public static final int TPACKET_V3 = 2;
    /** tpacket_block_desc block_status: the kernel owns the block / user space may read it. */
    public static final int TP_STATUS_KERNEL = 0;
    public static final int TP_STATUS_USER = 1;
    /** tp_status bits: hv1.tp_vlan_tci holds the tag the kernel took out of the frame (and its TPID). */
    public static final int TP_STATUS_VLAN_VALID = 0x10;
    public static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    /**
     * The TPID the kernel reports for a tag it took out of a frame when it does not say which
     * (tp_vlan_tpid / PACKET_AUXDATA without the TPID-valid bit). EtherTypes proper are the
     * caller's: rawsock.packet.EtherType names them.
     */
    public static final int ETH_P_8021Q = 0x8100;
    /** A packet socket's protocol for every frame, whatever its EtherType (not an EtherType). */
    public static final int ETH_P_ALL = 0x0003;

    // <poll.h>
    public static final short POLLIN = 0x001;
    public static final short POLLERR = 0x008;

    // <sys/mman.h>
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;

    // <asm-generic/errno-base.h>, <asm-generic/errno.h>
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int ENODEV = 19;
    public static final int EPIPE = 32;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int EHOSTUNREACH = 113;

    // <linux/netlink.h>, <linux/rtnetlink.h>: the routing socket that lists links and addresses
    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    /** The attribute type's bits; the top two mark nested attributes and byte order. */
    static final int NLA_TYPE_MASK = 0x3fff;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_OPERSTATE = 16;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_BROADCAST = 4;

    /** IFNAMSIZ from <net/if.h>: interface names are at most 15 bytes plus NUL. */
    public static final int IFNAMSIZ = 16;
}
