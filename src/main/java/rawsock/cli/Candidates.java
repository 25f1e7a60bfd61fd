package rawsock.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import rawsock.output.OutputFormat;
import rawsock.packet.Arp;
import rawsock.packet.EtherType;
import rawsock.packet.IpProtocol;

import static rawsock.packet.IpProtocol.name;

/**
 * The fixed values of some options, as picocli completionCandidates: shell completion offers
 * them and --help shows them where a description says ${COMPLETION-CANDIDATES}.
 * CandidatesTest checks that the commands accept each one.
 */
final class Candidates {
    private Candidates() {
    }

    /** An Iterable over a fixed list, the shape picocli instantiates. */
    abstract static class Fixed implements Iterable<String> {
        private final List<String> values;

        Fixed(List<String> values) {
            this.values = values;
        }

        @Override
        public Iterator<String> iterator() {
            return values.iterator();
        }
    }

    /** send --proto: the protocol names (numbers 0..255 are accepted too). */
    static final class SendProtocols extends Fixed {
        SendProtocols() {
            super(List.of(name(IpProtocol.ICMP), name(IpProtocol.ICMP6), name(IpProtocol.UDP), name(IpProtocol.TCP),
                    name(IpProtocol.IGMP), name(IpProtocol.RAW), EtherType.name(EtherType.ARP)));
        }
    }

    /** send --arp-op: the ARP operation names (numbers 0..65535 are accepted too). */
    static final class ArpOperations extends Fixed {
        ArpOperations() {
            super(Arp.operationNames());
        }
    }

    /** recv --proto: the protocol names (numbers 1..254 are accepted too). */
    static final class RecvProtocols extends Fixed {
        RecvProtocols() {
            super(List.of(name(IpProtocol.ICMP), name(IpProtocol.ICMP6), name(IpProtocol.UDP), name(IpProtocol.TCP),
                    name(IpProtocol.IGMP)));
        }
    }

    /** send --format, for what --wait prints. */
    static final class SendFormats extends Fixed {
        SendFormats() {
            super(List.of("text", "json"));
        }
    }

    /** recv --format: every OutputFormat. */
    static final class RecvFormats extends Fixed {
        RecvFormats() {
            super(lowerCase(OutputFormat.values()));
        }
    }

    /** ifaces --format. */
    static final class IfacesFormats extends Fixed {
        IfacesFormats() {
            super(List.of("text", "json"));
        }
    }

    /** send --timing, with --read-pcap. */
    static final class Timings extends Fixed {
        Timings() {
            super(List.of("fast", "original"));
        }
    }

    private static List<String> lowerCase(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
