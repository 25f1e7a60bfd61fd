package rawsock.cli;

import java.net.InetAddress;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.packet.IcmpTypes;
import rawsock.packet.Icmpv6Types;
import rawsock.packet.Igmp;
import rawsock.packet.TcpFlags;

/**
 * The values of the header fields send writes into a packet it builds, part of
 * {@link SendRequestReader}'s validation: each field's option read, its range or syntax checked
 * (IcmpRestOfHeader reads the ICMP types' own fields). Which protocol's fields apply at all is
 * decided before, by SendRequestReader; here every field is read in a fixed order, the order of
 * the refusals a command line with several bad values meets.
 */
final class HeaderFieldsReader {
    /** The most --ip-options and --tcp-options hold (their headers' length fields allow no more). */
    private static final int MAX_HEADER_OPTIONS = 40;

    private final SendOptions o;
    private final ParsedOptions line;

    HeaderFieldsReader(SendOptions options, ParsedOptions line) {
        this.o = options;
        this.line = line;
    }

    /** The IP header's fields: --ttl (a list unless --link), --tos, --ip-id, the fragment fields, --ip-options. */
    void readIp(SendSpec.Builder s) {
        s.ttls = ValueListOption.parse(o.ttl.longestName(), line.value(o.ttl), 1, 255);
        if (s.link && s.ttls != null && s.ttls.varies()) {
            throw new UsageException(o.link.longestName() + " sends one frame shape: a list of TTLs does not apply");
        }
        s.tos = line.number(o.tos, 0, 255);
        s.ipId = line.number(o.ipId, 0, 65535);
        s.dontFragment = line.given(o.dontFragment);
        s.moreFragments = line.given(o.moreFragments);
        s.fragmentOffset = line.number(o.fragmentOffset, 0, 8191);
        s.ipOptions = optionBytes(o.ipOptions);
    }

    /** --ip-options or --tcp-options: hex, at most 40 bytes. */
    private byte[] optionBytes(OptionSpec option) {
        byte[] bytes = HexConverter.option(option.longestName(), line.value(option));
        if (bytes != null && bytes.length > MAX_HEADER_OPTIONS) {
            throw new UsageException(option.longestName() + " has " + bytes.length + " bytes (at most "
                    + MAX_HEADER_OPTIONS + ")");
        }
        return bytes;
    }

    /** The transport header's fields: ICMP and ICMPv6, UDP and TCP ports, TCP, IGMP; the checksum and flow label. */
    void readTransport(SendSpec.Builder s) {
        if (s.ipv6) {
            s.icmpType = Icmpv6Types.ECHO_REQUEST;
        }
        String type = line.value(o.icmpType);
        if (type != null) {
            try {
                s.icmpType = s.ipv6 ? Icmpv6Types.parse(type) : IcmpTypes.parse(type);
            } catch (IllegalArgumentException e) {
                throw new UsageException(o.icmpType.longestName() + " " + e.getMessage());
            }
        }
        Integer code = line.number(o.icmpCode, 0, 255);
        if (code != null) {
            s.icmpCode = code;
        }
        Integer id = line.number(o.icmpId, 0, 65535);
        s.icmpId = id != null ? id : (int) (ProcessHandle.current().pid() & 0xffff);
        IcmpRestOfHeader.fill(s, o, line);
        Integer seq = line.number(o.icmpSeq, 0, 65535);
        if (seq != null) {
            s.icmpSeq = seq;
        }
        String sourcePorts = line.value(o.sourcePort);
        s.sourcePorts = ValueListOption.parse(o.sourcePort.longestName(), sourcePorts, 0, 65535);
        s.destinationPorts = ValueListOption.parse(o.destinationPort.longestName(), line.value(o.destinationPort), 0, 65535);
        if (s.waitNanos >= 0 && s.sourcePorts != null && s.sourcePorts.varies()) {
            throw new UsageException(o.sourcePort.longestName() + " " + sourcePorts + " with "
                    + o.waitFor.longestName() + ": give one port; each probe's source "
                    + "port counts up from it and names the probe a reply answers");
        }
        if (s.link && (s.destinationPorts != null && s.destinationPorts.varies()
                || s.sourcePorts != null && s.sourcePorts.varies())) {
            throw new UsageException(o.link.longestName() + " sends one frame shape: port lists do not apply");
        }
        readTcp(s);
        readIgmp(s);
        s.checksum = line.number(o.checksum, 0, 65535);
        s.flowLabel = line.number(o.flowLabel, 0, 0xfffff);
    }

    private void readTcp(SendSpec.Builder s) {
        String flags = line.value(o.tcpFlags);
        if (flags != null) {
            try {
                s.tcpFlags = TcpFlags.parse(flags);
            } catch (IllegalArgumentException e) {
                throw new UsageException(o.tcpFlags.longestName() + " " + e.getMessage());
            }
        }
        Integer seq = line.number(o.tcpSeq, 0, 0xffffffffL);
        if (seq != null) {
            s.tcpSeq = (long) seq & 0xffffffffL;
        }
        Integer ack = line.number(o.tcpAck, 0, 0xffffffffL);
        if (ack != null) {
            s.tcpAck = (long) ack & 0xffffffffL;
        }
        Integer window = line.number(o.tcpWindow, 0, 65535);
        if (window != null) {
            s.tcpWindow = window;
        }
        Integer urgent = line.number(o.tcpUrgent, 0, 65535);
        if (urgent != null) {
            s.tcpUrgent = urgent;
        }
        s.tcpOptions = optionBytes(o.tcpOptions);
    }

    private void readIgmp(SendSpec.Builder s) {
        String type = line.value(o.igmpType);
        if (type != null) {
            s.igmpType = parseIgmpType(type);
        }
        InetAddress group = line.address(o.igmpGroup, false, " is IPv6; IGMP groups are IPv4 (IPv6 uses MLD)");
        if (group != null) {
            s.igmpGroup = group;
        }
        Integer maxResponse = line.number(o.igmpMaxResponse, 0, 255);
        if (maxResponse != null) {
            s.igmpMaxResponse = maxResponse;
        }
    }

    private int parseIgmpType(String text) {
        int named = Igmp.typeByName(text);
        if (named >= 0) {
            return named;
        }
        String option = o.igmpType.longestName();
        try {
            return Ranges.check(option, NumberConverter.parse(text), 0, 255);
        } catch (TypeConversionException e) {
            throw new UsageException(option + " '" + text + "' is not " + Igmp.TYPE_NAMES + " or 0..255");
        }
    }
}
