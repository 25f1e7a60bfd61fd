package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every struct size and offset in {@link Layouts} against what the C compiler says for
 * the system's own headers, and against the table measured on x86-64/aarch64 when no compiler
 * is there.
 */
class LayoutsTest {
    /** name -> [our value, the value measured with gcc on x86-64 and aarch64 Linux] and the C expression. */
    private static final Map<String, Object[]> EXPECTED = new LinkedHashMap<>();

    static {
        put("sizeof(struct msghdr)", Layouts.MSGHDR_SIZE, 56);
        put("offsetof(struct msghdr, msg_name)", Layouts.MSGHDR_NAME, 0);
        put("offsetof(struct msghdr, msg_namelen)", Layouts.MSGHDR_NAMELEN, 8);
        put("offsetof(struct msghdr, msg_iov)", Layouts.MSGHDR_IOV, 16);
        put("offsetof(struct msghdr, msg_iovlen)", Layouts.MSGHDR_IOVLEN, 24);
        put("offsetof(struct msghdr, msg_control)", Layouts.MSGHDR_CONTROL, 32);
        put("offsetof(struct msghdr, msg_controllen)", Layouts.MSGHDR_CONTROLLEN, 40);
        put("offsetof(struct msghdr, msg_flags)", Layouts.MSGHDR_FLAGS, 48);
        put("sizeof(struct mmsghdr)", Layouts.MMSGHDR_SIZE, 64);
        put("offsetof(struct mmsghdr, msg_len)", Layouts.MMSGHDR_LEN, 56);
        put("sizeof(struct iovec)", Layouts.IOVEC_SIZE, 16);
        put("offsetof(struct iovec, iov_base)", Layouts.IOVEC_BASE, 0);
        put("offsetof(struct iovec, iov_len)", Layouts.IOVEC_LEN, 8);
        put("sizeof(struct cmsghdr)", Layouts.CMSGHDR_SIZE, 16);
        put("offsetof(struct cmsghdr, cmsg_len)", Layouts.CMSG_LEN, 0);
        put("offsetof(struct cmsghdr, cmsg_level)", Layouts.CMSG_LEVEL, 8);
        put("offsetof(struct cmsghdr, cmsg_type)", Layouts.CMSG_TYPE, 12);
        put("CMSG_LEN(0)", Layouts.CMSG_DATA, 16);
        put("CMSG_SPACE(12)", Layouts.cmsgSpace(12), 32);
        put("CMSG_SPACE(16)", Layouts.cmsgSpace(16), 32);
        put("sizeof(struct sockaddr_in)", Layouts.SOCKADDR_IN_SIZE, 16);
        put("offsetof(struct sockaddr_in, sin_family)", Layouts.SIN_FAMILY, 0);
        put("offsetof(struct sockaddr_in, sin_port)", Layouts.SIN_PORT, 2);
        put("offsetof(struct sockaddr_in, sin_addr)", Layouts.SIN_ADDR, 4);
        put("sizeof(struct sockaddr_in6)", Layouts.SOCKADDR_IN6_SIZE, 28);
        put("offsetof(struct sockaddr_in6, sin6_family)", Layouts.SIN6_FAMILY, 0);
        put("offsetof(struct sockaddr_in6, sin6_port)", Layouts.SIN6_PORT, 2);
        put("offsetof(struct sockaddr_in6, sin6_flowinfo)", Layouts.SIN6_FLOWINFO, 4);
        put("offsetof(struct sockaddr_in6, sin6_addr)", Layouts.SIN6_ADDR, 8);
        put("offsetof(struct sockaddr_in6, sin6_scope_id)", Layouts.SIN6_SCOPE_ID, 24);
        put("sizeof(struct sockaddr_ll)", Layouts.SOCKADDR_LL_SIZE, 20);
        put("offsetof(struct sockaddr_ll, sll_family)", Layouts.SLL_FAMILY, 0);
        put("offsetof(struct sockaddr_ll, sll_protocol)", Layouts.SLL_PROTOCOL, 2);
        put("offsetof(struct sockaddr_ll, sll_ifindex)", Layouts.SLL_IFINDEX, 4);
        put("offsetof(struct sockaddr_ll, sll_hatype)", Layouts.SLL_HATYPE, 8);
        put("offsetof(struct sockaddr_ll, sll_pkttype)", Layouts.SLL_PKTTYPE, 10);
        put("offsetof(struct sockaddr_ll, sll_halen)", Layouts.SLL_HALEN, 11);
        put("offsetof(struct sockaddr_ll, sll_addr)", Layouts.SLL_ADDR, 12);
        put("sizeof(struct sockaddr_storage)", Layouts.SOCKADDR_STORAGE_SIZE, 128);
        put("sizeof(struct in_pktinfo)", Layouts.IN_PKTINFO_SIZE, 12);
        put("offsetof(struct in_pktinfo, ipi_ifindex)", Layouts.IPI_IFINDEX, 0);
        put("offsetof(struct in_pktinfo, ipi_spec_dst)", Layouts.IPI_SPEC_DST, 4);
        put("offsetof(struct in_pktinfo, ipi_addr)", Layouts.IPI_ADDR, 8);
        put("sizeof(struct in6_pktinfo)", Layouts.IN6_PKTINFO_SIZE, 20);
        put("offsetof(struct in6_pktinfo, ipi6_addr)", Layouts.IPI6_ADDR, 0);
        put("offsetof(struct in6_pktinfo, ipi6_ifindex)", Layouts.IPI6_IFINDEX, 16);
        put("sizeof(struct timespec)", Layouts.TIMESPEC_SIZE, 16);
        put("sizeof(struct timeval)", Layouts.TIMEVAL_SIZE, 16);
        put("sizeof(struct pollfd)", Layouts.POLLFD_SIZE, 8);
        put("offsetof(struct pollfd, events)", Layouts.POLLFD_EVENTS, 4);
        put("offsetof(struct pollfd, revents)", Layouts.POLLFD_REVENTS, 6);
        put("sizeof(struct sock_filter)", Layouts.SOCK_FILTER_SIZE, 8);
        put("sizeof(struct sock_fprog)", Layouts.SOCK_FPROG_SIZE, 16);
        put("offsetof(struct sock_fprog, filter)", Layouts.SOCK_FPROG_FILTER, 8);
        put("sizeof(struct tpacket_stats)", Layouts.TPACKET_STATS_SIZE, 8);
        put("sizeof(struct tpacket_stats_v3)", Layouts.TPACKET_STATS_V3_SIZE, 12);
        put("offsetof(struct tpacket_stats_v3, tp_packets)", Layouts.TP_PACKETS, 0);
        put("offsetof(struct tpacket_stats_v3, tp_drops)", Layouts.TP_DROPS, 4);
        put("offsetof(struct tpacket_stats_v3, tp_freeze_q_cnt)", Layouts.TP_FREEZE_Q_CNT, 8);
        put("sizeof(struct tpacket_req3)", Layouts.TPACKET_REQ3_SIZE, 28);
        put("offsetof(struct tpacket_req3, tp_block_size)", Layouts.TP_BLOCK_SIZE, 0);
        put("offsetof(struct tpacket_req3, tp_block_nr)", Layouts.TP_BLOCK_NR, 4);
        put("offsetof(struct tpacket_req3, tp_frame_size)", Layouts.TP_FRAME_SIZE, 8);
        put("offsetof(struct tpacket_req3, tp_frame_nr)", Layouts.TP_FRAME_NR, 12);
        put("offsetof(struct tpacket_req3, tp_retire_blk_tov)", Layouts.TP_RETIRE_BLK_TOV, 16);
        put("offsetof(struct tpacket_req3, tp_sizeof_priv)", Layouts.TP_SIZEOF_PRIV, 20);
        put("offsetof(struct tpacket_req3, tp_feature_req_word)", Layouts.TP_FEATURE_REQ_WORD, 24);
        put("sizeof(struct tpacket_block_desc)", Layouts.TPACKET_BLOCK_DESC_SIZE, 48);
        put("offsetof(struct tpacket_block_desc, version)", Layouts.BLOCK_VERSION, 0);
        put("offsetof(struct tpacket_block_desc, hdr.bh1.block_status)", Layouts.BLOCK_STATUS, 8);
        put("offsetof(struct tpacket_block_desc, hdr.bh1.num_pkts)", Layouts.BLOCK_NUM_PKTS, 12);
        put("offsetof(struct tpacket_block_desc, hdr.bh1.offset_to_first_pkt)", Layouts.BLOCK_OFFSET_TO_FIRST_PKT, 16);
        put("offsetof(struct tpacket_block_desc, hdr.bh1.blk_len)", Layouts.BLOCK_LEN, 20);
        put("offsetof(struct tpacket_block_desc, hdr.bh1.seq_num)", Layouts.BLOCK_SEQ_NUM, 24);
        put("sizeof(struct tpacket3_hdr)", Layouts.TPACKET3_HDR_SIZE, 48);
        put("offsetof(struct tpacket3_hdr, tp_next_offset)", Layouts.TP3_NEXT_OFFSET, 0);
        put("offsetof(struct tpacket3_hdr, tp_sec)", Layouts.TP3_SEC, 4);
        put("offsetof(struct tpacket3_hdr, tp_nsec)", Layouts.TP3_NSEC, 8);
        put("offsetof(struct tpacket3_hdr, tp_snaplen)", Layouts.TP3_SNAPLEN, 12);
        put("offsetof(struct tpacket3_hdr, tp_len)", Layouts.TP3_LEN, 16);
        put("offsetof(struct tpacket3_hdr, tp_status)", Layouts.TP3_STATUS, 20);
        put("offsetof(struct tpacket3_hdr, tp_mac)", Layouts.TP3_MAC, 24);
        put("offsetof(struct tpacket3_hdr, tp_net)", Layouts.TP3_NET, 26);
        put("offsetof(struct tpacket3_hdr, hv1.tp_vlan_tci)", Layouts.TP3_VLAN_TCI, 32);
        put("offsetof(struct tpacket3_hdr, hv1.tp_vlan_tpid)", Layouts.TP3_VLAN_TPID, 36);
        put("TPACKET_ALIGN(sizeof(struct tpacket3_hdr))", Layouts.TP3_SOCKADDR_LL, 48);
        put("TPACKET_ALIGN(1)", Layouts.tpacketAlign(1), 16);
        put("TPACKET_ALIGN(48)", Layouts.tpacketAlign(48), 48);
        put("sizeof(struct tpacket_auxdata)", Layouts.TPACKET_AUXDATA_SIZE, 20);
        put("offsetof(struct tpacket_auxdata, tp_status)", Layouts.AUX_STATUS, 0);
        put("offsetof(struct tpacket_auxdata, tp_vlan_tci)", Layouts.AUX_VLAN_TCI, 16);
        put("offsetof(struct tpacket_auxdata, tp_vlan_tpid)", Layouts.AUX_VLAN_TPID, 18);
        put("sizeof(struct ip_mreqn)", Layouts.IP_MREQN_SIZE, 12);
        put("offsetof(struct ip_mreqn, imr_ifindex)", Layouts.IMR_IFINDEX, 8);
        put("sizeof(struct packet_mreq)", Layouts.PACKET_MREQ_SIZE, 16);
        put("offsetof(struct packet_mreq, mr_ifindex)", Layouts.MR_IFINDEX, 0);
        put("offsetof(struct packet_mreq, mr_type)", Layouts.MR_TYPE, 4);
        put("sizeof(struct ifreq)", Layouts.IFREQ_SIZE, 40);
        put("offsetof(struct ifreq, ifr_addr)", Layouts.IFR_ADDR, 16);
        put("offsetof(struct ifreq, ifr_hwaddr)", Layouts.IFR_HWADDR, 16);
        put("offsetof(struct sockaddr, sa_data)", Layouts.SA_DATA, 2);
        put("offsetof(struct passwd, pw_uid)", Layouts.PW_UID, 16);
        put("offsetof(struct passwd, pw_gid)", Layouts.PW_GID, 20);
        put("IFNAMSIZ", LinuxConstants.IFNAMSIZ, 16);
        put("sizeof(struct nlmsghdr)", Layouts.NLMSGHDR_SIZE, 16);
        put("offsetof(struct nlmsghdr, nlmsg_len)", Layouts.NLMSG_LEN, 0);
        put("offsetof(struct nlmsghdr, nlmsg_type)", Layouts.NLMSG_TYPE, 4);
        put("offsetof(struct nlmsghdr, nlmsg_flags)", Layouts.NLMSG_FLAGS, 6);
        put("offsetof(struct nlmsghdr, nlmsg_seq)", Layouts.NLMSG_SEQ, 8);
        put("offsetof(struct nlmsghdr, nlmsg_pid)", Layouts.NLMSG_PID, 12);
        put("offsetof(struct nlmsgerr, error)", Layouts.NLMSGERR_ERROR, 0);
        put("sizeof(struct ifinfomsg)", Layouts.IFINFOMSG_SIZE, 16);
        put("offsetof(struct ifinfomsg, ifi_type)", Layouts.IFI_TYPE, 2);
        put("offsetof(struct ifinfomsg, ifi_index)", Layouts.IFI_INDEX, 4);
        put("offsetof(struct ifinfomsg, ifi_flags)", Layouts.IFI_FLAGS, 8);
        put("sizeof(struct ifaddrmsg)", Layouts.IFADDRMSG_SIZE, 8);
        put("offsetof(struct ifaddrmsg, ifa_family)", Layouts.IFA_FAMILY, 0);
        put("offsetof(struct ifaddrmsg, ifa_prefixlen)", Layouts.IFA_PREFIXLEN, 1);
        put("offsetof(struct ifaddrmsg, ifa_scope)", Layouts.IFA_SCOPE, 3);
        put("offsetof(struct ifaddrmsg, ifa_index)", Layouts.IFA_INDEX, 4);
        put("sizeof(struct rtattr)", Layouts.RTATTR_SIZE, 4);
        put("NLMSG_ALIGN(17)", Layouts.netlinkAlign(17), 20);
        put("RTA_ALIGN(4)", Layouts.netlinkAlign(4), 4);
        put("AF_NETLINK", LinuxConstants.AF_NETLINK, 16);
        put("NETLINK_ROUTE", LinuxConstants.NETLINK_ROUTE, 0);
        put("SOCK_CLOEXEC", LinuxConstants.SOCK_CLOEXEC, 0x80000);
        put("NLM_F_REQUEST", LinuxConstants.NLM_F_REQUEST, 1);
        put("NLM_F_DUMP", LinuxConstants.NLM_F_DUMP, 0x300);
        put("NLM_F_DUMP_INTR", LinuxConstants.NLM_F_DUMP_INTR, 0x10);
        put("NLMSG_ERROR", LinuxConstants.NLMSG_ERROR, 2);
        put("NLMSG_DONE", LinuxConstants.NLMSG_DONE, 3);
        put("RTM_NEWLINK", LinuxConstants.RTM_NEWLINK, 16);
        put("RTM_GETLINK", LinuxConstants.RTM_GETLINK, 18);
        put("RTM_NEWADDR", LinuxConstants.RTM_NEWADDR, 20);
        put("RTM_GETADDR", LinuxConstants.RTM_GETADDR, 22);
        put("NLA_TYPE_MASK & 0xffff", LinuxConstants.NLA_TYPE_MASK, 0x3fff); // ~(NESTED | BYTEORDER), an int
        put("IFLA_ADDRESS", LinuxConstants.IFLA_ADDRESS, 1);
        put("IFLA_IFNAME", LinuxConstants.IFLA_IFNAME, 3);
        put("IFLA_MTU", LinuxConstants.IFLA_MTU, 4);
        put("IFLA_OPERSTATE", LinuxConstants.IFLA_OPERSTATE, 16);
        put("IFA_ADDRESS", LinuxConstants.IFA_ADDRESS, 1);
        put("IFA_LOCAL", LinuxConstants.IFA_LOCAL, 2);
        put("IFA_BROADCAST", LinuxConstants.IFA_BROADCAST, 4);
        // Constants the ring depends on, from the same headers.
        put("PACKET_RX_RING", LinuxConstants.PACKET_RX_RING, 5);
        put("PACKET_STATISTICS", LinuxConstants.PACKET_STATISTICS, 6);
        put("PACKET_AUXDATA", LinuxConstants.PACKET_AUXDATA, 8);
        put("PACKET_VERSION", LinuxConstants.PACKET_VERSION, 10);
        put("TPACKET_V3", LinuxConstants.TPACKET_V3, 2);
        put("TP_STATUS_KERNEL", LinuxConstants.TP_STATUS_KERNEL, 0);
        put("TP_STATUS_USER", LinuxConstants.TP_STATUS_USER, 1);
        put("TP_STATUS_VLAN_VALID", LinuxConstants.TP_STATUS_VLAN_VALID, 0x10);
        put("TP_STATUS_VLAN_TPID_VALID", LinuxConstants.TP_STATUS_VLAN_TPID_VALID, 0x40);
        put("PROT_READ | PROT_WRITE", LinuxConstants.PROT_READ | LinuxConstants.PROT_WRITE, 3);
        put("MAP_SHARED", LinuxConstants.MAP_SHARED, 1);
        put("MAP_PRIVATE | MAP_ANONYMOUS", LinuxConstants.MAP_PRIVATE | LinuxConstants.MAP_ANONYMOUS, 0x22);
        put("POLLERR", LinuxConstants.POLLERR, 8);
        put("SO_ERROR", LinuxConstants.SO_ERROR, 4);
    }

    private static void put(String expression, int ours, int measured) {
        EXPECTED.put(expression, new Object[] {ours, measured});
    }

    @Test
    void layoutsMatchTheMeasuredLp64Table() {
        for (Map.Entry<String, Object[]> e : EXPECTED.entrySet()) {
            assertEquals(e.getValue()[1], e.getValue()[0], e.getKey());
        }
    }

    @Test
    void layoutsMatchTheCCompiler(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")) || Files.isExecutable(Path.of("/usr/bin/cc")),
                "no C compiler: the table check above still ran");
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n"
                + "#include <sys/socket.h>\n#include <sys/uio.h>\n#include <sys/time.h>\n#include <time.h>\n"
                + "#include <poll.h>\n#include <netinet/in.h>\n#include <linux/if_packet.h>\n"
                + "#include <linux/filter.h>\n#include <sys/mman.h>\n#include <net/if.h>\n#include <pwd.h>\n"
                + "#include <linux/netlink.h>\n#include <linux/rtnetlink.h>\n"
                + "int main(void) {\n");
        for (String expression : EXPECTED.keySet()) {
            c.append("  printf(\"%zu\\n\", (size_t) (").append(expression).append("));\n");
        }
        c.append("  return 0;\n}\n");
        Path source = dir.resolve("layouts.c");
        Files.writeString(source, c.toString());
        Path binary = dir.resolve("layouts");
        run(dir, "cc", "-o", binary.toString(), source.toString());
        String[] lines = run(dir, binary.toString()).split("\n");
        int i = 0;
        for (Map.Entry<String, Object[]> e : EXPECTED.entrySet()) {
            assertEquals(Integer.parseInt(lines[i++].trim()), e.getValue()[0], e.getKey());
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
