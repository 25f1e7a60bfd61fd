package rawsock.output;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import rawsock.packet.DecodedPacket;
import rawsock.packet.Ethernet;
import rawsock.packet.Layer;
import rawsock.packet.PacketMeta;

/**
 * One line per packet, for people (and grep):
 *
 * <pre>
 * 2026-11-28T08:12:27.123456789Z lo IP 127.0.0.1 &gt; 127.0.0.1 ttl 64 id 1 len 84: ICMP echo request, id 7, seq 1, length 64
 * 2026-11-28T08:12:27.123456789Z eth0 out 02:00:00:00:00:01 &gt; 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: IP ...: ICMP time exceeded in-transit, length 64 [quoted: IP ...: UDP ...]
 * 2026-11-28T08:12:27.123456789Z if3 unknown, length 60 [captured 40 of 60]
 * </pre>
 *
 * Each layer says its own length as tcpdump -n does (an ICMP message's, a UDP or TCP payload's,
 * the IP header's total length); the length on the wire is said once, where tcpdump -e says it:
 * after the link-layer header.
 *
 * <ol>
 *   <li>the timestamp, RFC 3339 in UTC with nine fraction digits (see {@link Rfc3339}): unlike
 *       tcpdump's local HH:MM:SS it sorts, compares and survives midnight and time zones;
 *   <li>the interface name, else {@code if<index>}, else {@code -};
 *   <li>{@code out} when the packet was outgoing (packet sockets only);
 *   <li>each outer layer's {@link Layer#describe}, joined by {@code ": "}; a layer that reports
 *       {@link Layer#truncated()} is followed by {@code " [truncated]"}; a layer whose describe
 *       throws shows {@code [undecodable]} instead (nothing it appended is kept); {@code unknown}
 *       when the packet has no layers;
 *   <li>layers quoted inside an ICMP error, likewise joined, inside {@code " [quoted: ...]"};
 *   <li>for a link-layer frame, {@code ", length <wire length>"} right after the Ethernet header (as
 *       tcpdump -e), and for a packet with no layers at the end; {@code " [captured <n> of <wire>]"}
 *       at the end when fewer bytes were captured than were on the wire.
 * </ol>
 *
 * Control characters are replaced by '?', so a packet is always exactly one line.
 */
public final class TextWriter extends BufferedPacketWriter {
    private final StringBuilder line = new StringBuilder(256);
    private final char[] timestamp = new char[Rfc3339.LENGTH];

    public TextWriter(OutputStream out, boolean flushEachPacket) {
        super(out, flushEachPacket);
    }

    @Override
    void encode(PacketMeta meta, ByteBuffer packet, DecodedPacket decoded) {
        StringBuilder sb = line;
        sb.setLength(0);
        sb.append(timestamp, 0, Rfc3339.format(meta.timestampNanos(), timestamp, 0)).append(' ');
        if (meta.ifname() != null && !meta.ifname().isEmpty()) {
            sb.append(meta.ifname());
        } else if (meta.ifindex() > 0) {
            sb.append("if").append(meta.ifindex());
        } else {
            sb.append('-');
        }
        sb.append(' ');
        if (meta.pktType() == PacketMeta.PKTTYPE_OUTGOING) {
            sb.append("out ");
        }
        int size = decoded == null ? 0 : decoded.size();
        int caplen = capturedLength(packet);
        int len = wireLength(meta, packet);
        if (size == 0) {
            sb.append("unknown, length ").append(len);
        } else {
            int quoted = decoded.quotedStart();
            for (int i = 0; i < quoted; i++) {
                if (i > 0) {
                    sb.append(": ");
                }
                describe(sb, decoded, i);
                if (i == 0 && isFrame(decoded)) {
                    sb.append(", length ").append(len);
                }
            }
            if (quoted < size) {
                if (quoted > 0) {
                    sb.append(' ');
                }
                sb.append("[quoted: ");
                for (int i = quoted; i < size; i++) {
                    if (i > quoted) {
                        sb.append(": ");
                    }
                    describe(sb, decoded, i);
                }
                sb.append(']');
            }
        }
        if (caplen < len) {
            sb.append(" [captured ").append(caplen).append(" of ").append(len).append(']');
        }
        putLineText(sb);
        put((byte) '\n');
    }

    private static boolean isFrame(DecodedPacket decoded) {
        try {
            return decoded.layer(0) instanceof Ethernet;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void describe(StringBuilder sb, DecodedPacket decoded, int index) {
        int mark = sb.length();
        try {
            Layer layer = decoded.layer(index);
            layer.describe(sb);
            if (layer.truncated()) {
                sb.append(" [truncated]");
            }
        } catch (RuntimeException e) {
            sb.setLength(mark);
            sb.append("[undecodable]");
        }
    }
}
