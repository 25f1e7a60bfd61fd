package rawsock.net;

/**
 * Sizes and field offsets of the kernel structs rawsock lays out in native memory (LP64 Linux:
 * x86-64 and aarch64 agree). Plain offsets rather than jnr.ffi.Struct, whose size() omits
 * trailing padding. A unit test checks every value against the C layout.
 */
final class Layouts {
    private Layouts() {
    }

    // struct msghdr
    static final int MSGHDR_SIZE = 56;
    static final int MSGHDR_NAME = 0;
    static final int MSGHDR_NAMELEN = 8;
    static final int MSGHDR_IOV = 16;
    static final int MSGHDR_IOVLEN = 24;
    static final int MSGHDR_CONTROL = 32;
    static final int MSGHDR_CONTROLLEN = 40;
    static final int MSGHDR_FLAGS = 48;

    // struct mmsghdr
    static final int MMSGHDR_SIZE = 64;
    static final int MMSGHDR_LEN = 56;

    // struct iovec
    static final int IOVEC_SIZE = 16;
    static final int IOVEC_BASE = 0;
    static final int IOVEC_LEN = 8;

    // struct cmsghdr
    static final int CMSGHDR_SIZE = 16;
    static final int CMSG_LEN = 0;
    static final int CMSG_LEVEL = 8;
    static final int CMSG_TYPE = 12;
    static final int CMSG_DATA = 16;

    // struct sockaddr_in
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SIN_FAMILY = 0;
    static final int SIN_PORT = 2;
    static final int SIN_ADDR = 4;

    // struct sockaddr_in6
    static final int SOCKADDR_IN6_SIZE = 28;
    static final int SIN6_FAMILY = 0;
    static final int SIN6_PORT = 2;
    static final int SIN6_FLOWINFO = 4;
    static final int SIN6_ADDR = 8;
    static final int SIN6_SCOPE_ID = 24;

    // struct sockaddr_ll
    static final int SOCKADDR_LL_SIZE = 20;
    static final int SLL_FAMILY = 0;
    static final int SLL_PROTOCOL = 2;
    static final int SLL_IFINDEX = 4;
    static final int SLL_HATYPE = 8;
    static final int SLL_PKTTYPE = 10;
    static final int SLL_HALEN = 11;
    static final int SLL_ADDR = 12;

    /** struct sockaddr_storage: room for any address the kernel hands back. */
    static final int SOCKADDR_STORAGE_SIZE = 128;

    // struct in_pktinfo
    static final int IN_PKTINFO_SIZE = 12;
    static final int IPI_IFINDEX = 0;
    static final int IPI_SPEC_DST = 4;
    static final int IPI_ADDR = 8;

    // struct in6_pktinfo
    static final int IN6_PKTINFO_SIZE = 20;
    static final int IPI6_ADDR = 0;
    static final int IPI6_IFINDEX = 16;

    // struct timespec, struct timeval
    static final int TIMESPEC_SIZE = 16;
    static final int TIMEVAL_SIZE = 16;

    // struct pollfd
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_EVENTS = 4;
    static final int POLLFD_REVENTS = 6;

    // struct sock_filter, struct sock_fprog
    static final int SOCK_FILTER_SIZE = 8;
    static final int SOCK_FPROG_SIZE = 16;
    static final int SOCK_FPROG_FILTER = 8;

    // struct tpacket_stats, struct tpacket_stats_v3 (what PACKET_STATISTICS returns once the
    // socket is TPACKET_V3: the same two counters, then the times the ring was full)
    static final int TPACKET_STATS_SIZE = 8;
    static final int TPACKET_STATS_V3_SIZE = 12;
    static final int TP_PACKETS = 0;
    static final int TP_DROPS = 4;
    static final int TP_FREEZE_Q_CNT = 8;

    // struct tpacket_req3 (PACKET_RX_RING for TPACKET_V3)
    static final int TPACKET_REQ3_SIZE = 28;
    static final int TP_BLOCK_SIZE = 0;
    static final int TP_BLOCK_NR = 4;
    static final int TP_FRAME_SIZE = 8;
    static final int TP_FRAME_NR = 12;
    static final int TP_RETIRE_BLK_TOV = 16;
    static final int TP_SIZEOF_PRIV = 20;
    static final int TP_FEATURE_REQ_WORD = 24;

    // struct tpacket_block_desc: version, offset_to_priv, then struct tpacket_hdr_v1
    static final int TPACKET_BLOCK_DESC_SIZE = 48;
    static final int BLOCK_VERSION = 0;
    static final int BLOCK_STATUS = 8;
    static final int BLOCK_NUM_PKTS = 12;
    static final int BLOCK_OFFSET_TO_FIRST_PKT = 16;
    static final int BLOCK_LEN = 20;
    static final int BLOCK_SEQ_NUM = 24;

    // struct tpacket3_hdr, then (at TPACKET_ALIGN(sizeof(struct tpacket3_hdr))) a sockaddr_ll
    static final int TPACKET3_HDR_SIZE = 48;
    static final int TP3_NEXT_OFFSET = 0;
    static final int TP3_SEC = 4;
    static final int TP3_NSEC = 8;
    static final int TP3_SNAPLEN = 12;
    static final int TP3_LEN = 16;
    static final int TP3_STATUS = 20;
    static final int TP3_MAC = 24;
    static final int TP3_NET = 26;
    static final int TP3_VLAN_TCI = 32;
    static final int TP3_VLAN_TPID = 36;
    static final int TP3_SOCKADDR_LL = 48;

    // struct tpacket_auxdata (PACKET_AUXDATA control message)
    static final int TPACKET_AUXDATA_SIZE = 20;
    static final int AUX_STATUS = 0;
    static final int AUX_VLAN_TCI = 16;
    static final int AUX_VLAN_TPID = 18;

    // struct ip_mreqn (IP_MULTICAST_IF takes it to name an interface by index): multiaddr, address, ifindex
    static final int IP_MREQN_SIZE = 12;
    static final int IMR_IFINDEX = 8;

    // struct packet_mreq (PACKET_ADD_MEMBERSHIP)
    static final int PACKET_MREQ_SIZE = 16;
    static final int MR_IFINDEX = 0;
    static final int MR_TYPE = 4;

    // struct ifreq: a 16-byte name, then a union whose struct sockaddr (ifr_addr, ifr_hwaddr) is at 16
    static final int IFREQ_SIZE = 40;
    static final int IFR_ADDR = 16;
    static final int IFR_HWADDR = 16;
    /** struct sockaddr's sa_data: where SIOCGIFHWADDR puts the hardware address. */
    static final int SA_DATA = 2;

    // struct nlmsghdr: every netlink message begins with it; messages and attributes are 4-aligned
    static final int NLMSGHDR_SIZE = 16;
    static final int NLMSG_LEN = 0;
    static final int NLMSG_TYPE = 4;
    static final int NLMSG_FLAGS = 6;
    static final int NLMSG_SEQ = 8;
    static final int NLMSG_PID = 12;
    /** struct nlmsgerr: the (negative) errno first. */
    static final int NLMSGERR_ERROR = 0;

    // struct ifinfomsg (RTM_NEWLINK), struct ifaddrmsg (RTM_NEWADDR), struct rtattr
    static final int IFINFOMSG_SIZE = 16;
    static final int IFI_TYPE = 2;
    static final int IFI_INDEX = 4;
    static final int IFI_FLAGS = 8;
    static final int IFADDRMSG_SIZE = 8;
    static final int IFA_FAMILY = 0;
    static final int IFA_PREFIXLEN = 1;
    static final int IFA_SCOPE = 3;
    static final int IFA_INDEX = 4;
    static final int RTATTR_SIZE = 4;

    // struct passwd: two pointers (name, password), then uid_t pw_uid and gid_t pw_gid
    static final int PW_UID = 16;
    static final int PW_GID = 20;

    /** TPACKET_ALIGN: frames and headers in the ring start at multiples of 16. */
    static int tpacketAlign(int length) {
        return (length + 15) & ~15;
    }

    /** NLMSG_ALIGN, RTA_ALIGN: netlink messages and their attributes are padded to 4 bytes. */
    static int netlinkAlign(int length) {
        return (length + 3) & ~3;
    }

    /** CMSG_ALIGN: control messages are padded to the size of a long. */
    static int cmsgAlign(int length) {
        return (length + 7) & ~7;
    }

    /** CMSG_SPACE: room one control message with {@code dataLength} bytes of data takes. */
    static int cmsgSpace(int dataLength) {
        return CMSGHDR_SIZE + cmsgAlign(dataLength);
    }
}
