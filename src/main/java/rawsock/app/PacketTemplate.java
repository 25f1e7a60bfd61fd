package rawsock.app;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.packet.Icmp;
import rawsock.packet.IcmpFields;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Icmpv6Fields;
import rawsock.packet.Icmpv6Types;
import rawsock.packet.IgmpFields;
import rawsock.packet.IpProtocol;
import rawsock.packet.Ipv4Fields;
import rawsock.packet.Ipv6Fields;
import rawsock.packet.Tcp;
import rawsock.packet.TcpFields;
import rawsock.packet.Udp;
import rawsock.packet.UdpFields;

/**
 * The packet a send loop sends, built once from the spec into a direct buffer. Per packet only
 * the ICMP sequence number (and a timestamp request's originate timestamp, which says when the
 * packet left) changes; {@link #prepare} patches them and adjusts the checksum incrementally
 * (RFC 1624), so the loop allocates nothing.
 */
final class PacketTemplate {
    /** Ports 1..65535: counted source ports never use 0. */
    private static final long PORT_SPAN = 65535;

    private final ByteBuffer packet;
    private final int transportOffset;
    private final boolean countsSequence;
    private final boolean fixChecksum;
    private final int firstSequence;
    private final int ipPacketLength;
    /** For UDP/TCP probes: the first source port, counted up per packet; -1 when ports stay. */
    private int countedPortBase = -1;
    private int protocol;
    private long tcpSequence;
    /** The originate timestamp is ours (RFC 792's payload, not the user's): stamped per packet. */
    private boolean stampsOriginate;

    private PacketTemplate(ByteBuffer packet, int transportOffset, boolean countsSequence, boolean fixChecksum,
            int firstSequence, int ipPacketLength) {
        this.packet = packet;
        this.ipPacketLength = ipPacketLength;
        this.transportOffset = transportOffset;
        this.countsSequence = countsSequence;
        this.fixChecksum = fixChecksum;
        this.firstSequence = firstSequence;
    }

    /** UDP, TCP and ICMPv6 checksums cover a pseudo-header with the source address. */
    static boolean needsPseudoHeader(int protocol) {
        return protocol == IpProtocol.UDP || protocol == IpProtocol.TCP || protocol == IpProtocol.ICMP6;
    }

    /**
     * Builds the packet. With {@code writesHeader} it starts with an IPv4 header from the spec;
     * otherwise it is the transport header and payload, and the kernel adds the IP header.
     *
     * @param source the source address (for the IP header and the pseudo-header); may be null
     *     when neither is needed
     */
    static PacketTemplate build(SendSpec spec, InetAddress source, boolean writesHeader) {
        return build(spec, ProbeFields.first(spec), source, writesHeader, new byte[0]);
    }

    /**
     * Builds a frame: {@code linkHeader} (an Ethernet header, for --link) followed by the IP
     * packet built as above.
     */
    static PacketTemplate build(SendSpec spec, InetAddress source, boolean writesHeader, byte[] linkHeader) {
        return build(spec, ProbeFields.first(spec), source, writesHeader, linkHeader);
    }

    /** Builds the packet of one probe shape: the spec's header with {@code probe}'s target, ports and TTL. */
    static PacketTemplate build(SendSpec spec, ProbeFields probe, InetAddress source, boolean writesHeader,
            byte[] linkHeader) {
        byte[] dst = probe.target().getAddress();
        byte[] src = source == null ? new byte[dst.length] : source.getAddress();
        ByteBuffer payload = ByteBuffer.wrap(payloadOf(spec));
        boolean laterFragment = spec.laterFragment();
        int transportLength = spec.transportHeaderLength() + payload.remaining();
        // The command line refused a packet over 65535 bytes (SendSpec.ipPacketLength).
        Ipv4Fields ipv4 = writesHeader && !spec.ipv6 ? ipv4Header(spec, probe.ttl(), src, dst) : null;
        Ipv6Fields ipv6 = writesHeader && spec.ipv6 ? ipv6Header(spec, probe.ttl(), src, dst) : null;
        int ipLength = ipv4 != null ? ipv4.headerLength() : ipv6 != null ? ipv6.headerLength() : 0;
        int onWire = (int) spec.ipPacketLength(payload.remaining());
        ByteBuffer transport = ByteBuffer.allocate(transportLength);
        // IPv4 options (a source route may change the destination summed) make rawsock write the header.
        byte[] pseudoDst = ipv4 != null ? ipv4.pseudoHeaderDestination() : dst;
        if (laterFragment) {
            transport.put(payload);
        } else {
            emitTransport(spec, probe, transport, payload, src, pseudoDst);
        }
        transport.flip();
        ByteBuffer out = ByteBuffer.allocateDirect(linkHeader.length + ipLength + transport.remaining())
                .order(ByteOrder.BIG_ENDIAN);
        out.put(linkHeader);
        if (ipv6 != null) {
            ipv6.emit(out, transport.remaining());
        } else if (ipv4 != null) {
            ipv4.emit(out, transport.remaining());
        }
        out.put(transport);
        out.flip();
        boolean counts = !laterFragment && (spec.protocol == IpProtocol.ICMP ? IcmpTypes.hasIdSeq(spec.icmpType)
                : spec.protocol == IpProtocol.ICMP6 && Icmpv6Types.hasIdSeq(spec.icmpType));
        PacketTemplate template = new PacketTemplate(out, linkHeader.length + ipLength, counts, spec.checksum == null,
                spec.icmpSeq, linkHeader.length + onWire);
        template.protocol = spec.protocol;
        template.tcpSequence = probe.tcpSequence();
        template.stampsOriginate = !laterFragment && fillsTimestamps(spec);
        if (!laterFragment && spec.waitNanos >= 0 && (spec.protocol == IpProtocol.UDP || spec.protocol == IpProtocol.TCP)) {
            // Probes that wait for replies each get their own source port (as hping3 does), so
            // every reply names the probe it answers.
            template.countedPortBase = probe.sourcePort();
        }
        return template;
    }

    /** A frame that never changes (an ARP request, a raw EtherType payload). */
    static PacketTemplate fixed(ByteBuffer frame) {
        ByteBuffer out = ByteBuffer.allocateDirect(frame.remaining()).order(ByteOrder.BIG_ENDIAN);
        out.put(frame).flip();
        return new PacketTemplate(out, 0, false, false, 0, out.remaining());
    }

    /** The IPv6 header of a probe with hop limit {@code ttl} (null: the default). */
    private static Ipv6Fields ipv6Header(SendSpec spec, Integer ttl, byte[] src, byte[] dst) {
        Ipv6Fields d = Ipv6Fields.DEFAULT;
        return new Ipv6Fields(d.version(), orElse(spec.tos, d.trafficClass()), orElse(spec.flowLabel, d.flowLabel()),
                d.payloadLength(), spec.protocol, orElse(ttl, d.hopLimit()), src, dst, d.extensions());
    }

    /** The IPv4 header of a probe with TTL {@code ttl} (null: the default); its options at most 40 bytes (checked). */
    private static Ipv4Fields ipv4Header(SendSpec spec, Integer ttl, byte[] src, byte[] dst) {
        Ipv4Fields d = Ipv4Fields.DEFAULT;
        return new Ipv4Fields(d.version(), d.ihl(), orElse(spec.tos, d.tos()), d.totalLength(), orElse(spec.ipId, d.id()),
                d.reservedFlag(), spec.dontFragment, spec.moreFragments, orElse(spec.fragmentOffset, d.fragmentOffset()),
                orElse(ttl, d.ttl()), spec.protocol, d.checksum(), src, dst, spec.ipOptions);
    }

    private static void emitTransport(SendSpec spec, ProbeFields probe, ByteBuffer out, ByteBuffer payload, byte[] src,
            byte[] dst) {
        int checksum = orElse(spec.checksum, IcmpFields.COMPUTED); // each record's COMPUTED is -1
        switch (spec.protocol) {
            case IpProtocol.ICMP:
                new IcmpFields(spec.icmpType, spec.icmpCode, restOfHeader(spec), checksum).emit(out, payload);
                break;
            case IpProtocol.ICMP6:
                boolean echo = Icmpv6Types.hasIdSeq(spec.icmpType);
                new Icmpv6Fields(spec.icmpType, spec.icmpCode, restOfHeader(spec), checksum, echo ? null : spec.icmpBody)
                        .emit(out, payload, src, dst);
                break;
            case IpProtocol.UDP:
                new UdpFields(probe.sourcePort(), probe.destinationPort(), UdpFields.COMPUTED, checksum)
                        .emit(out, payload, src, dst);
                break;
            case IpProtocol.TCP:
                TcpFields d = TcpFields.DEFAULT;
                new TcpFields(probe.sourcePort(), probe.destinationPort(), probe.tcpSequence(), orElse(spec.tcpAck, d.ack()),
                        d.dataOffset(), spec.tcpFlags, spec.tcpWindow, spec.tcpUrgent, checksum, spec.tcpOptions)
                        .emit(out, payload, src, dst);
                break;
            case IpProtocol.IGMP:
                new IgmpFields(spec.igmpType, spec.igmpMaxResponse,
                        spec.igmpGroup == null ? IgmpFields.DEFAULT.group() : spec.igmpGroup.getAddress(), checksum, null)
                        .emit(out);
                break;
            default:
                out.put(payload);
        }
    }

    /** Bytes 4-7 of the ICMP or ICMPv6 header: id and sequence for the types that carry them, else the spec's. */
    private static long restOfHeader(SendSpec spec) {
        boolean idSeq = spec.protocol == IpProtocol.ICMP6 ? Icmpv6Types.hasIdSeq(spec.icmpType)
                : IcmpTypes.hasIdSeq(spec.icmpType);
        return idSeq ? IcmpFields.idSeq(spec.icmpId, spec.icmpSeq) : spec.icmpRest;
    }

    private static int orElse(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static long orElse(Long value, long fallback) {
        return value != null ? value : fallback;
    }

    /** ICMP timestamp requests without a payload get the three timestamps RFC 792 defines. */
    private static byte[] payloadOf(SendSpec spec) {
        if (fillsTimestamps(spec)) {
            return IcmpFields.timestampPayload(System.currentTimeMillis());
        }
        return spec.payload;
    }

    private static boolean fillsTimestamps(SendSpec spec) {
        return spec.protocol == IpProtocol.ICMP && spec.payload.length == 0 && IcmpTypes.carriesTimestamps(spec.icmpType);
    }

    /**
     * Patches the fields that change for packet {@code index} (0-based), right before it is
     * sent: the template already holds packet 0's counted fields, but not the time it leaves.
     */
    void prepare(long index) {
        if (index != 0 || stampsOriginate) {
            prepare(packet, index);
        }
    }

    /**
     * Patches packet {@code index}'s changing fields into {@code target}, a copy of this
     * template (see {@link #copyInto}) that may hold any earlier packet of the run: checksums are
     * adjusted from whatever the copy holds, so copies in a sendmmsg batch stay valid.
     */
    void prepare(ByteBuffer target, long index) {
        if (stampsOriginate) {
            int now = IcmpFields.millisSinceMidnightUtc(System.currentTimeMillis());
            if (fixChecksum) {
                Icmp.patchOriginateTimestamp(target, transportOffset, now);
            } else {
                Icmp.writeOriginateTimestamp(target, transportOffset, now);
            }
        }
        if (countedPortBase >= 0) {
            int port = portFor(index);
            if (protocol == IpProtocol.UDP) {
                if (fixChecksum) {
                    Udp.patchSourcePort(target, transportOffset, port);
                } else {
                    Udp.writeSourcePort(target, transportOffset, port);
                }
            } else if (fixChecksum) {
                Tcp.patchSourcePort(target, transportOffset, port);
            } else {
                Tcp.writeSourcePort(target, transportOffset, port);
            }
            return;
        }
        if (!countsSequence) {
            return;
        }
        int sequence = (int) ((firstSequence + index) & 0xffff);
        if (fixChecksum) {
            Icmp.patchSeq(target, transportOffset, sequence);
        } else {
            Icmp.writeSeq(target, transportOffset, sequence);
        }
    }

    /** Copies the template's bytes to the start of {@code slot}; returns their length. */
    int copyInto(ByteBuffer slot) {
        slot.put(0, packet, packet.position(), packet.remaining());
        return packet.remaining();
    }

    /** The source port of packet {@code index} of a probe run: counting up, 65535 wraps to 1. */
    int portFor(long index) {
        return 1 + (int) Math.floorMod(countedPortBase - 1 + index, PORT_SPAN);
    }

    /** The offset from the first probe that a reply's port stands for (the caller places it). */
    int portOffset(int port) {
        return (int) Math.floorMod(port - countedPortBase, PORT_SPAN);
    }

    /** The TCP sequence number sent (the same for every packet). */
    long tcpSequence() {
        return tcpSequence;
    }

    ByteBuffer packet() {
        return packet;
    }

    /** Bytes handed to the socket per packet. */
    int length() {
        return packet.remaining();
    }

    /**
     * Size on the wire: the IP packet with its header (whoever writes it: what the MTU limits),
     * or the whole frame for --link.
     */
    int wireLength() {
        return ipPacketLength;
    }
}
