package rawsock.net;

import java.nio.ByteBuffer;

/**
 * Walks the control messages recvmsg returned (the CMSG_FIRSTHDR/CMSG_NXTHDR walk) and stores
 * what rawsock understands in a {@link ReceiveInfo}. Unknown messages are skipped; a malformed
 * length ends the walk instead of reading past the buffer.
 */
final class ControlMessages {
    private ControlMessages() {
    }

    static void parse(ByteBuffer control, int length, ReceiveInfo info) {
        int offset = 0;
        while (length - offset >= Layouts.CMSGHDR_SIZE) {
            long cmsgLen = control.getLong(offset + Layouts.CMSG_LEN);
            if (cmsgLen < Layouts.CMSGHDR_SIZE || cmsgLen > length - offset) {
                return;
            }
            int level = control.getInt(offset + Layouts.CMSG_LEVEL);
            int type = control.getInt(offset + Layouts.CMSG_TYPE);
            int data = offset + Layouts.CMSG_DATA;
            int dataLength = (int) cmsgLen - Layouts.CMSGHDR_SIZE;
            store(control, level, type, data, dataLength, info);
            offset += Layouts.cmsgAlign((int) cmsgLen);
        }
    }

    private static void store(ByteBuffer c, int level, int type, int data, int dataLength, ReceiveInfo info) {
        if (level == LinuxConstants.SOL_SOCKET) {
            if (type == LinuxConstants.SCM_TIMESTAMPNS && dataLength >= Layouts.TIMESPEC_SIZE) {
                info.timestampNanos = c.getLong(data) * 1_000_000_000L + c.getLong(data + 8);
            } else if (type == LinuxConstants.SO_RXQ_OVFL && dataLength >= 4) {
                info.kernelDrops = c.getInt(data) & 0xffffffffL;
            }
        } else if (level == LinuxConstants.SOL_IP) {
            if (type == LinuxConstants.IP_PKTINFO && dataLength >= Layouts.IN_PKTINFO_SIZE) {
                info.ifindex = c.getInt(data + Layouts.IPI_IFINDEX);
                c.get(data + Layouts.IPI_ADDR, info.destination, 0, 4);
                info.destinationLength = 4;
            }
        } else if (level == LinuxConstants.SOL_PACKET) {
            if (type == LinuxConstants.PACKET_AUXDATA && dataLength >= Layouts.TPACKET_AUXDATA_SIZE) {
                int status = c.getInt(data + Layouts.AUX_STATUS);
                vlan(status, c.getShort(data + Layouts.AUX_VLAN_TCI), c.getShort(data + Layouts.AUX_VLAN_TPID), info);
            }
        } else if (level == LinuxConstants.SOL_IPV6) {
            if (type == LinuxConstants.IPV6_PKTINFO && dataLength >= Layouts.IN6_PKTINFO_SIZE) {
                c.get(data + Layouts.IPI6_ADDR, info.destination, 0, 16);
                info.destinationLength = 16;
                info.ifindex = c.getInt(data + Layouts.IPI6_IFINDEX);
            } else if (type == LinuxConstants.IPV6_HOPLIMIT && dataLength >= 4) {
                info.hopLimit = c.getInt(data);
            } else if (type == LinuxConstants.IPV6_TCLASS && dataLength >= 4) {
                info.trafficClass = c.getInt(data);
            } else if (type == LinuxConstants.IPV6_FLOWINFO && dataLength >= 4) {
                // Big-endian like the header's first word: the flow label is the low 20 bits.
                info.flowLabel = (c.get(data + 1) & 0x0f) << 16 | (c.get(data + 2) & 0xff) << 8 | (c.get(data + 3) & 0xff);
            }
        }
    }

    /**
     * The VLAN fields of tpacket_auxdata or tpacket3_hdr (both native-endian): a tag is there when
     * TP_STATUS_VLAN_VALID says so; its TPID is 802.1Q unless TP_STATUS_VLAN_TPID_VALID names
     * another (802.1ad).
     */
    static void vlan(int status, short tci, short tpid, ReceiveInfo info) {
        if ((status & LinuxConstants.TP_STATUS_VLAN_VALID) == 0) {
            return;
        }
        info.vlanTci = tci & 0xffff;
        info.vlanTpid = (status & LinuxConstants.TP_STATUS_VLAN_TPID_VALID) != 0 && tpid != 0
                ? tpid & 0xffff : LinuxConstants.ETH_P_8021Q;
    }
}
