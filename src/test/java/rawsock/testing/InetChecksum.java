package rawsock.testing;

/**
 * RFC 1071 Internet checksum, written separately from rawsock.packet.Checksum so tests that
 * need a known-good (or known-bad) checksum do not trust the code under test.
 */
public final class InetChecksum {
    private InetChecksum() {
    }

    public static int of(byte[]... parts) {
        long sum = 0;
        for (byte[] part : parts) {
            for (int i = 0; i < part.length; i += 2) {
                int high = part[i] & 0xff;
                int low = i + 1 < part.length ? part[i + 1] & 0xff : 0;
                sum += (high << 8) | low;
            }
            // Each part here has even length except possibly the last, as in a real packet.
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The UDP checksum over the IPv4 pseudo-header, header (checksum 0) and payload. */
    public static int udp(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        int length = 8 + payload.length;
        byte[] pseudo = {src[0], src[1], src[2], src[3], dst[0], dst[1], dst[2], dst[3], 0, 17,
            (byte) (length >> 8), (byte) length};
        byte[] header = {(byte) (sport >> 8), (byte) sport, (byte) (dport >> 8), (byte) dport,
            (byte) (length >> 8), (byte) length, 0, 0};
        int checksum = of(pseudo, header, payload);
        return checksum == 0 ? 0xffff : checksum;
    }

    /** A whole IPv4 + UDP packet with correct checksums, built by hand for replay tests. */
    public static byte[] udpPacket(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        int total = 20 + 8 + payload.length;
        byte[] packet = new byte[total];
        packet[0] = 0x45;
        packet[2] = (byte) (total >> 8);
        packet[3] = (byte) total;
        packet[8] = 64;
        packet[9] = 17;
        System.arraycopy(src, 0, packet, 12, 4);
        System.arraycopy(dst, 0, packet, 16, 4);
        byte[] header = new byte[20];
        System.arraycopy(packet, 0, header, 0, 20);
        int ipChecksum = of(header);
        packet[10] = (byte) (ipChecksum >> 8);
        packet[11] = (byte) ipChecksum;
        packet[20] = (byte) (sport >> 8);
        packet[21] = (byte) sport;
        packet[22] = (byte) (dport >> 8);
        packet[23] = (byte) dport;
        packet[24] = (byte) ((8 + payload.length) >> 8);
        packet[25] = (byte) (8 + payload.length);
        int udpChecksum = udp(src, dst, sport, dport, payload);
        packet[26] = (byte) (udpChecksum >> 8);
        packet[27] = (byte) udpChecksum;
        System.arraycopy(payload, 0, packet, 28, payload.length);
        return packet;
    }

    /** A whole IPv6 + UDP packet with a correct checksum (RFC 8200 pseudo-header), built by hand. */
    public static byte[] udp6Packet(byte[] src, byte[] dst, int sport, int dport, byte[] payload) {
        int length = 8 + payload.length;
        byte[] packet = new byte[40 + length];
        packet[0] = 0x60;
        packet[4] = (byte) (length >> 8);
        packet[5] = (byte) length;
        packet[6] = 17;
        packet[7] = 64;
        System.arraycopy(src, 0, packet, 8, 16);
        System.arraycopy(dst, 0, packet, 24, 16);
        packet[40] = (byte) (sport >> 8);
        packet[41] = (byte) sport;
        packet[42] = (byte) (dport >> 8);
        packet[43] = (byte) dport;
        packet[44] = (byte) (length >> 8);
        packet[45] = (byte) length;
        System.arraycopy(payload, 0, packet, 48, payload.length);
        byte[] pseudo = new byte[40];
        System.arraycopy(src, 0, pseudo, 0, 16);
        System.arraycopy(dst, 0, pseudo, 16, 16);
        pseudo[34] = (byte) (length >> 8);
        pseudo[35] = (byte) length;
        pseudo[39] = 17;
        byte[] udp = java.util.Arrays.copyOfRange(packet, 40, packet.length);
        int checksum = of(pseudo, udp);
        if (checksum == 0) {
            checksum = 0xffff;
        }
        packet[46] = (byte) (checksum >> 8);
        packet[47] = (byte) checksum;
        return packet;
    }
}
