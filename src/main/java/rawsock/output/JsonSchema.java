package rawsock.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key {@code recv -f json} writes: its place (the packet object, or the object of one
 * layer), its JSON type and what it means; and those of {@code send --traceroute -f json}. The
 * one list the README's table and the man page's
 * FORMATS section are rendered from ({@link #markdown()}, {@link #asciidoc()}); tests drive the
 * writer over real and generated packets and fail on a key or a type this list does not have.
 *
 * <p>Every number is an integer below 2^53, so jq and JavaScript, which hold numbers as doubles,
 * read it exactly; {@code ts_ns} (about 1.8 x 10^18) is therefore a string of digits. The one
 * exception, typed {@link Type#DECIMAL}, is a round-trip time in milliseconds to three decimals.
 */
public final class JsonSchema {
    /** A JSON value type as the tables name it. */
    public enum Type {
        STRING("string"), NUMBER("number"), BOOLEAN("boolean"), OBJECT("object"),
        /** A string, or null when unknown. */
        STRING_OR_NULL("string or null"),
        STRING_ARRAY("array of strings"),
        /** A number that may have a fraction (milliseconds to the microsecond). */
        DECIMAL("number, with a fraction"),
        /** A list of whole numbers (ports). */
        NUMBER_ARRAY("array of numbers");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One key: {@code place} is {@link #PACKET}, {@link #ANY_LAYER} or a layer name ("ip", "tcp"). */
    public record Key(String place, String name, Type type, String meaning) {
    }

    /** The place of the keys of the packet object itself. */
    public static final String PACKET = "packet";
    /** The place of the keys any layer object may hold. */
    public static final String ANY_LAYER = "any layer";
    /** The places of send --traceroute's objects. */
    public static final String TRACE_PROBE = "trace probe";
    public static final String TRACE_HOP = "trace hop";

    private static final List<Key> KEYS = new ArrayList<>();
    /** The layers in the order the tables show them, with a line saying what each is. */
    private static final Map<String, String> PLACES = new LinkedHashMap<>();

    static {
        place(PACKET, "one object per line");
        key("ts", Type.STRING, "when the kernel received the packet: RFC 3339, UTC, nine fraction digits");
        key("ts_ns", Type.STRING, "the same instant in nanoseconds since 1970, as a string of digits (exact; a number this large would be rounded by jq)");
        key("ifindex", Type.NUMBER, "interface index; 0 when unknown");
        key("iface", Type.STRING_OR_NULL, "interface name");
        key("direction", Type.STRING, "`in`, `out`, `broadcast`, `multicast` or `otherhost` (`--link` only; absent when unknown)");
        key("len", Type.NUMBER, "length on the wire");
        key("caplen", Type.NUMBER, "bytes captured (less than len with `--snaplen`)");
        key("src", Type.STRING_OR_NULL, "source address: of the outermost IP header, else ARP's sender, else the frame's MAC");
        key("dst", Type.STRING_OR_NULL, "destination address, likewise");
        key("proto", Type.STRING_OR_NULL, "the protocol carried: `icmp`, `udp`, `tcp`, `arp`, ..., or an EtherType without a decoder (`0x88cc`)");
        key("truncated", Type.BOOLEAN, "caplen < len, or a header ended early");
        key("LAYER", Type.OBJECT, "one object per decoded layer, outermost first, keyed by the layer's name (`eth`, `vlan`, `arp`, `ip`, `ip6`, `icmp`, `icmp6`, `igmp`, `udp`, `tcp`, `raw`); a repeated name gets `_2`, `_3` (`vlan_2`)");
        key("quoted", Type.OBJECT, "the layers of the packet an ICMP error quotes, keyed the same way; only when present");
        key("hex", Type.STRING, "the whole captured packet, lowercase hex");

        place(ANY_LAYER, "keys any layer object may hold");
        key("truncated", Type.BOOLEAN, "true when the bytes ended before the header did (absent otherwise)");
        key("malformed", Type.STRING, "why the header is impossible (a length below its minimum, ...)");
        key("error", Type.STRING, "`undecodable`: the layer could not be decoded (nothing else in it)");

        place("eth", "Ethernet (`--link`)");
        key("dst", Type.STRING, "destination MAC");
        key("src", Type.STRING, "source MAC");
        llcKeys();

        place("vlan", "802.1Q / 802.1ad tag");
        key("tpid", Type.NUMBER, "tag protocol identifier (0x8100, 0x88a8 or 0x9100)");
        key("pcp", Type.NUMBER, "priority 0..7");
        key("dei", Type.BOOLEAN, "drop eligible");
        key("vid", Type.NUMBER, "VLAN id 0..4095");
        llcKeys();

        place("arp", "ARP");
        key("htype", Type.NUMBER, "hardware type (1 = Ethernet)");
        key("ptype", Type.NUMBER, "protocol type (0x0800 = IPv4)");
        key("hlen", Type.NUMBER, "hardware address length");
        key("plen", Type.NUMBER, "protocol address length");
        key("op", Type.NUMBER, "operation (1 request, 2 reply, ...)");
        key("op_name", Type.STRING, "`request`, `reply`, ...");
        key("sender_hw", Type.STRING, "sender hardware address");
        key("sender_proto", Type.STRING, "sender protocol address");
        key("target_hw", Type.STRING, "target hardware address");
        key("target_proto", Type.STRING, "target protocol address");

        place("ip", "IPv4");
        key("version", Type.NUMBER, "4");
        key("ihl", Type.NUMBER, "header length in 32-bit words");
        key("tos", Type.NUMBER, "type of service");
        key("len", Type.NUMBER, "total length");
        key("id", Type.NUMBER, "identification");
        key("flags", Type.STRING, "`DF`, `MF`, `RF` joined by commas; empty when none");
        key("frag_offset", Type.NUMBER, "fragment offset in 8-byte units");
        key("ttl", Type.NUMBER, "time to live");
        key("proto", Type.NUMBER, "protocol number");
        key("proto_name", Type.STRING, "its name (`udp`, or the number)");
        key("checksum", Type.NUMBER, "header checksum");
        key("checksum_ok", Type.BOOLEAN, "the header checksum verifies (when the header is whole)");
        key("src", Type.STRING, "source address");
        key("dst", Type.STRING, "destination address");
        key("options", Type.STRING, "the options, decoded (`rr 4`, `nop`, ...)");

        place("ip6", "IPv6");
        key("version", Type.NUMBER, "6");
        key("tclass", Type.NUMBER, "traffic class");
        key("flow", Type.NUMBER, "flow label");
        key("plen", Type.NUMBER, "payload length");
        key("nxt", Type.NUMBER, "next header");
        key("hlim", Type.NUMBER, "hop limit");
        key("src", Type.STRING, "source address");
        key("dst", Type.STRING, "destination address");
        key("ext", Type.STRING, "the extension headers, in order");
        key("proto", Type.NUMBER, "the upper-layer protocol after the extension headers");
        key("proto_name", Type.STRING, "its name");

        place("icmp", "ICMP");
        icmpKeys();
        key("gateway", Type.STRING, "redirect: the gateway");
        key("originate", Type.NUMBER, "timestamp request and reply: originate timestamp, ms since midnight UT (RFC 792)");
        key("receive", Type.NUMBER, "timestamp: when the replier received the request");
        key("transmit", Type.NUMBER, "timestamp: when the replier sent the reply");
        key("mask", Type.STRING, "address mask request and reply: the mask");

        place("icmp6", "ICMPv6");
        icmpKeys();
        key("flags", Type.STRING, "neighbor and router advertisements: their flags");
        key("hop_limit", Type.NUMBER, "router advertisement: current hop limit");
        key("lifetime", Type.NUMBER, "router advertisement: router lifetime in s");
        key("reachable", Type.NUMBER, "router advertisement: reachable time in ms");
        key("retrans", Type.NUMBER, "router advertisement: retransmission timer in ms");
        key("max_resp", Type.NUMBER, "MLD query: maximum response delay in ms");
        key("records", Type.NUMBER, "MLDv2 report: number of records");
        key("target", Type.STRING, "neighbor discovery and redirect: the target address");
        key("destination", Type.STRING, "redirect: the destination address");
        key("group", Type.STRING, "MLD: the multicast address");
        key("options", Type.STRING, "neighbor discovery options, decoded");

        place("igmp", "IGMP");
        key("type", Type.NUMBER, "message type");
        key("type_name", Type.STRING, "its name");
        key("max_resp", Type.NUMBER, "maximum response time in tenths of a second");
        key("checksum", Type.NUMBER, "checksum");
        key("checksum_ok", Type.BOOLEAN, "it verifies (when the message is whole)");
        key("group", Type.STRING, "group address");
        key("records", Type.NUMBER, "v3 report: number of group records");
        key("version", Type.NUMBER, "3 for a v3 query");
        key("suppress", Type.BOOLEAN, "v3 query: suppress router-side processing");
        key("qrv", Type.NUMBER, "v3 query: querier's robustness variable");
        key("qqic", Type.NUMBER, "v3 query: querier's query interval code");
        key("sources", Type.NUMBER, "v3 query: number of sources");

        place("udp", "UDP");
        key("sport", Type.NUMBER, "source port");
        key("dport", Type.NUMBER, "destination port");
        key("len", Type.NUMBER, "length field (header and data)");
        checksumKeys();

        place("tcp", "TCP");
        key("sport", Type.NUMBER, "source port");
        key("dport", Type.NUMBER, "destination port");
        key("seq", Type.NUMBER, "sequence number");
        key("ack", Type.NUMBER, "acknowledgment number");
        key("data_offset", Type.NUMBER, "header length in 32-bit words");
        key("flags", Type.STRING, "flags as tcpdump writes them (`S`, `S.`, `P.`, `F.`, `R`, ...)");
        key("win", Type.NUMBER, "window");
        checksumKeys();
        key("urg", Type.NUMBER, "urgent pointer");
        key("options", Type.STRING, "the options, decoded (`mss 1460,sackOK,TS val 1 ecr 0,...`)");

        place("raw", "bytes no decoder understood (another protocol, a later fragment)");
        key("proto", Type.STRING, "the IP protocol they belong to, when known");
        key("note", Type.STRING, "why they were not decoded (`fragment`, ...)");
        key("len", Type.NUMBER, "their length");

        // send --traceroute -f json: an object per probe, then one per hop.
        place(TRACE_PROBE, "`send --traceroute -f json`: one object per probe, a hop's probes before its hop object");
        key("hop", Type.NUMBER, "the hop: the probe's TTL (hop limit)");
        key("probe", Type.NUMBER, "the probe's number within its hop, from 1");
        key("from", Type.STRING, "who answered: a router on the way or the destination (absent when silent)");
        key("rtt_ms", Type.DECIMAL, "round-trip time in milliseconds, from the kernel's receive timestamp (absent when silent)");
        key("ttl", Type.NUMBER, "the answer's own TTL (hop limit) on arrival (absent when silent)");
        key("type", Type.STRING, "the answer: `time-exceeded`, `echo-reply`, `syn-ack`, `rst`, `port-unreachable`, `net-unreachable`, ... (absent when silent)");
        key("mark", Type.STRING, "traceroute's mark for an unreachable: `!N`, `!H`, `!P`, `!X`, `!F`, ... (absent otherwise)");
        key("silent", Type.BOOLEAN, "no answer within `--wait` (traceroute's `*`)");
        key("reached", Type.BOOLEAN, "the destination itself answered");
        place(TRACE_HOP, "`send --traceroute -f json`: one object per hop, after its probes");
        key("hop", Type.NUMBER, "the hop number (TTL)");
        key("addresses", Type.STRING_ARRAY, "who answered this hop's probes, in order of first answer; empty when all were silent");
        key("sent", Type.NUMBER, "probes sent to this hop (`--count`)");
        key("answered", Type.NUMBER, "probes answered");
        key("reached", Type.BOOLEAN, "the destination answered at this hop");
        key("last", Type.BOOLEAN, "the trace ends here (reached, unreachable, or the maximum hop)");
        place("send target", "`send --wait -f json` of a scan (more than one probe per round): the object under `target`, one per target");
        key("dst", Type.STRING, "the target address");
        key("open", Type.NUMBER_ARRAY, "TCP/UDP: ports that answered with a SYN-ACK or a UDP datagram");
        key("closed", Type.NUMBER_ARRAY, "TCP/UDP: ports that answered with a RST or port unreachable from the target");
        key("open|filtered", Type.NUMBER_ARRAY, "UDP: ports that stayed silent");
        key("filtered", Type.NUMBER_ARRAY, "TCP: ports that stayed silent or drew an ICMP error; UDP: ports that drew one");
        key("filtered_by", Type.OBJECT, "the ports that drew each ICMP error, keyed by its name (`admin-prohibited`, ...)");
        key("state", Type.STRING, "ICMP: `up` (an echo reply came) or `down`");
        key("received", Type.NUMBER, "ICMP: echo replies");
        key("min_ms", Type.NUMBER, "ICMP: round-trip times, minimum (also `avg_ms`, `max_ms`, `mdev_ms`)");
        key("error", Type.STRING, "ICMP, down: the ICMP error the probes drew, by name");
    }

    private static String current;

    private static void place(String name, String meaning) {
        current = name;
        PLACES.put(name, meaning);
    }

    private static void key(String name, Type type, String meaning) {
        KEYS.add(new Key(current, name, type, meaning));
    }

    private static void llcKeys() {
        key("ethertype", Type.NUMBER, "the type field (absent for an 802.3 length)");
        key("ethertype_name", Type.STRING, "its name (`IPv4`, `ARP`, ...)");
        key("len", Type.NUMBER, "802.3: the length field in place of a type");
        key("note", Type.STRING, "802.3: the LLC header is not decoded");
        key("dsap", Type.NUMBER, "802.3: LLC destination service access point");
        key("ssap", Type.NUMBER, "802.3: LLC source service access point");
        key("ctrl", Type.NUMBER, "802.3: LLC control");
    }

    private static void icmpKeys() {
        key("type", Type.NUMBER, "message type");
        key("type_name", Type.STRING, "its name (`echo-request`, `dest-unreach`, ...)");
        key("code", Type.NUMBER, "code");
        key("code_name", Type.STRING, "its name, for codes that have one (`port-unreachable`, ...)");
        checksumKeys();
        key("id", Type.NUMBER, "echo (and timestamp) identifier");
        key("seq", Type.NUMBER, "echo (and timestamp) sequence number");
        key("mtu", Type.NUMBER, "fragmentation needed / packet too big: the next-hop MTU");
        key("pointer", Type.NUMBER, "parameter problem: the offset of the bad octet");
    }

    private static void checksumKeys() {
        key("checksum", Type.NUMBER, "checksum");
        key("checksum_ok", Type.BOOLEAN, "it verifies (absent when it cannot be checked: partial, quoted)");
    }

    private JsonSchema() {
    }

    /** Every key, in the order of the tables. */
    public static List<Key> keys() {
        return List.copyOf(KEYS);
    }

    /** The type of {@code name} in {@code place}, else null. */
    public static Type typeOf(String place, String name) {
        for (Key key : KEYS) {
            if (key.place().equals(place) && key.name().equals(name)) {
                return key.type();
            }
        }
        return null;
    }

    /** The fixed keys of the packet object, in the order written (the layers' keys go before hex). */
    public static List<String> packetKeys() {
        List<String> names = new ArrayList<>();
        for (Key key : KEYS) {
            if (key.place().equals(PACKET) && key.type() != Type.OBJECT || key.name().equals("quoted")) {
                names.add(key.name());
            }
        }
        return names;
    }

    /** The schema as a Markdown table (the README's). */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| in | key | type | meaning |\n|---|---|---|---|\n");
        for (Key key : KEYS) {
            out.append("| ").append(key.place()).append(" | `").append(key.name().replace("|", "\\|")).append("` | ")
                    .append(key.type().words()).append(" | ").append(key.meaning().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The schema as AsciiDoc (the man page's): a level-3 section per place listing its keys,
     * "*key* (type)::" then the meaning; the man page puts them under its own heading.
     */
    public static String asciidoc() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> place : PLACES.entrySet()) {
            out.append("\n=== ").append(place.getKey()).append(": ").append(place.getValue()).append("\n\n");
            for (Key key : KEYS) {
                if (key.place().equals(place.getKey())) {
                    out.append('*').append(key.name()).append("* (").append(key.type().words()).append(")::\n")
                            .append(key.meaning()).append('\n');
                }
            }
        }
        return out.toString();
    }
}
