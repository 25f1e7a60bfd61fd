package rawsock.packet;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ICMPv6 message types (RFC 4443, 4861 neighbour discovery, 2710/3810 MLD) and the codes of the
 * error types: names for options ({@code --icmp-type neighbor-solicit}) and JSON, and the words
 * text output uses (tcpdump's where it has them).
 */
public final class Icmpv6Types {
    public static final int DEST_UNREACH = 1;
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    public static final int PARAM_PROBLEM = 4;
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    public static final int MLD_QUERY = 130;
    public static final int MLD_REPORT = 131;
    public static final int MLD_DONE = 132;
    public static final int ROUTER_SOLICIT = 133;
    public static final int ROUTER_ADVERT = 134;
    public static final int NEIGHBOR_SOLICIT = 135;
    public static final int NEIGHBOR_ADVERT = 136;
    public static final int REDIRECT = 137;
    public static final int MLDV2_REPORT = 143;

    /** Destination-unreachable code 4 (RFC 4443 3.1): what a closed UDP port earns. */
    public static final int CODE_PORT_UNREACH = 4;

    static final TypeNames TABLE = new TypeNames("ICMPv6");

    /**
     * What a type's message holds after the checksum: the 32 bits at bytes 4-7 (an identifier and
     * sequence, an MTU, a pointer, or neighbour discovery's flags, hop limit and router lifetime),
     * then for neighbour discovery (RFC 4861 4.1-4.5) a fixed part and the options it may carry.
     */
    public enum Field {
        ID_SEQ, MTU, POINTER,
        /** The flags: R, S, O of a neighbor advertisement (byte 4); M, O of a router advertisement (byte 5). */
        ND_FLAGS,
        /** Router advertisement: cur hop limit (byte 4), router lifetime (bytes 6-7), reachable time, retrans timer. */
        HOP_LIMIT, ROUTER_LIFETIME, REACHABLE_TIME, RETRANS_TIMER,
        /** Neighbor solicitation/advertisement and redirect: the target address (bytes 8-23). */
        TARGET,
        /** Redirect: the destination address (bytes 24-39). */
        DESTINATION,
        /** The option types each message may carry (RFC 4861 4.6.1). */
        SOURCE_LINK_LAYER, TARGET_LINK_LAYER
    }

    /** One type's layout: its fields, where its options start (-1: it has none), its flag letters from bit 7 down. */
    private record Layout(Set<Field> fields, int optionsStart, String flagLetters) {
    }

    private static final Layout PLAIN = new Layout(EnumSet.noneOf(Field.class), -1, "");
    private static final Map<Integer, Layout> LAYOUTS = new HashMap<>();

    static {
        LAYOUTS.put(ECHO_REQUEST, new Layout(EnumSet.of(Field.ID_SEQ), -1, ""));
        LAYOUTS.put(ECHO_REPLY, new Layout(EnumSet.of(Field.ID_SEQ), -1, ""));
        LAYOUTS.put(PACKET_TOO_BIG, new Layout(EnumSet.of(Field.MTU), -1, ""));
        LAYOUTS.put(PARAM_PROBLEM, new Layout(EnumSet.of(Field.POINTER), -1, ""));
        LAYOUTS.put(ROUTER_SOLICIT, new Layout(EnumSet.of(Field.SOURCE_LINK_LAYER), 8, ""));
        LAYOUTS.put(ROUTER_ADVERT, new Layout(EnumSet.of(Field.ND_FLAGS, Field.HOP_LIMIT, Field.ROUTER_LIFETIME,
                Field.REACHABLE_TIME, Field.RETRANS_TIMER, Field.SOURCE_LINK_LAYER), 16, "MO"));
        LAYOUTS.put(NEIGHBOR_SOLICIT, new Layout(EnumSet.of(Field.TARGET, Field.SOURCE_LINK_LAYER), 24, ""));
        LAYOUTS.put(NEIGHBOR_ADVERT, new Layout(EnumSet.of(Field.ND_FLAGS, Field.TARGET, Field.TARGET_LINK_LAYER),
                24, "RSO"));
        LAYOUTS.put(REDIRECT, new Layout(EnumSet.of(Field.TARGET, Field.DESTINATION, Field.TARGET_LINK_LAYER),
                40, ""));
    }

    static {
        TABLE.define(DEST_UNREACH, "dest-unreach", "destination unreachable");
        TABLE.define(PACKET_TOO_BIG, "packet-too-big", "packet too big");
        TABLE.define(TIME_EXCEEDED, "time-exceeded", "time exceeded");
        TABLE.define(PARAM_PROBLEM, "param-problem", "parameter problem");
        TABLE.define(ECHO_REQUEST, "echo-request", "echo request");
        TABLE.define(ECHO_REPLY, "echo-reply", "echo reply");
        TABLE.define(MLD_QUERY, "mld-query", "multicast listener query");
        TABLE.define(MLD_REPORT, "mld-report", "multicast listener report");
        TABLE.define(MLD_DONE, "mld-done", "multicast listener done");
        TABLE.define(ROUTER_SOLICIT, "router-solicit", "router solicitation");
        TABLE.define(ROUTER_ADVERT, "router-advert", "router advertisement");
        TABLE.define(NEIGHBOR_SOLICIT, "neighbor-solicit", "neighbor solicitation");
        TABLE.define(NEIGHBOR_ADVERT, "neighbor-advert", "neighbor advertisement");
        TABLE.define(REDIRECT, "redirect", "redirect");
        TABLE.define(MLDV2_REPORT, "mldv2-report", "multicast listener report v2");
        // Spellings of ping(8), ip6tables and nping, accepted on input only.
        TABLE.alias("echo", ECHO_REQUEST);
        TABLE.alias("echoreply", ECHO_REPLY);
        TABLE.alias("unreachable", DEST_UNREACH);
        TABLE.alias("destination-unreachable", DEST_UNREACH);
        TABLE.alias("parameter-problem", PARAM_PROBLEM);
        TABLE.alias("router-solicitation", ROUTER_SOLICIT);
        TABLE.alias("router-advertisement", ROUTER_ADVERT);
        TABLE.alias("neighbor-solicitation", NEIGHBOR_SOLICIT);
        TABLE.alias("neighbour-solicitation", NEIGHBOR_SOLICIT);
        TABLE.alias("neighbour-solicit", NEIGHBOR_SOLICIT);
        TABLE.alias("neighbor-advertisement", NEIGHBOR_ADVERT);
        TABLE.alias("neighbour-advertisement", NEIGHBOR_ADVERT);
        TABLE.alias("neighbour-advert", NEIGHBOR_ADVERT);
        TABLE.alias("ttl-exceeded", TIME_EXCEEDED);

        TABLE.codeNames(DEST_UNREACH,
                "no-route", "admin-prohibited", "beyond-scope", "address-unreachable", "port-unreachable",
                "source-policy", "reject-route", "source-routing-header");
        // tcpdump's words (print-icmp6.c) where it has them.
        TABLE.codeWords(DEST_UNREACH,
                "unreachable route", "unreachable prohibited", "beyond scope", "unreachable address",
                "unreachable port", "source address failed policy", "reject route", "source routing header error");
        TABLE.codeNames(TIME_EXCEEDED, "hop-limit-exceeded", "reassembly-timeout");
        TABLE.codeWords(TIME_EXCEEDED, "in-transit", "reassembly");
        TABLE.codeNames(PARAM_PROBLEM,
                "erroneous-header", "unrecognized-next-header", "unrecognized-option", "first-fragment-incomplete");
        TABLE.codeWords(PARAM_PROBLEM,
                "erroneous header field", "unrecognized next header", "unrecognized option", "first fragment incomplete");
    }

    private Icmpv6Types() {
    }

    /**
     * A type name (case-insensitive) or a number 0..255.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    public static int parse(String nameOrNumber) {
        return TABLE.parse(nameOrNumber);
    }

    /**
     * A code for {@code type}: a number 0..255, or for dest-unreach, time-exceeded and
     * param-problem a code name such as "port-unreachable" or "hop-limit-exceeded".
     */
    public static int parseCode(int type, String nameOrNumber) {
        return TABLE.parseCode(type, nameOrNumber);
    }

    /** The type's name ("neighbor-solicit"), or the number as text when it has none. */
    public static String name(int type) {
        return TABLE.name(type);
    }

    /** The code's name for the error types ("port-unreachable"), or null. */
    public static String codeName(int type, int code) {
        return TABLE.codeName(type, code);
    }

    /** RFC 4443 2.1: types 0..127 are errors, which quote as much of the invoking packet as fits. */
    public static boolean isError(int type) {
        return type >= 0 && type < 128;
    }

    /** The error types RFC 4443 defines (1..4), a copy: what a probe's reply filter lets through besides replies. */
    public static int[] errorTypes() {
        return new int[] {DEST_UNREACH, PACKET_TOO_BIG, TIME_EXCEEDED, PARAM_PROBLEM};
    }

    /** True for the types whose first 32 bits after the checksum are an identifier and a sequence number. */
    public static boolean hasIdSeq(int type) {
        return has(type, Field.ID_SEQ);
    }

    /** True when messages of {@code type} have {@code field} (see {@link Field}). */
    public static boolean has(int type, Field field) {
        return LAYOUTS.getOrDefault(type, PLAIN).fields().contains(field);
    }

    /** The types that have {@code field}, as "neighbor-advert (136)", comma-separated: for messages that refuse it. */
    public static String typesWith(Field field) {
        StringBuilder text = new StringBuilder();
        LAYOUTS.keySet().stream().sorted().filter(type -> has(type, field)).forEach(type -> text
                .append(text.length() == 0 ? "" : ", ").append(name(type)).append(" (").append(type).append(')'));
        return text.toString();
    }

    /**
     * Neighbour discovery: bytes from the start of the message to its first option (8 for a
     * router solicitation, 16 for an advertisement, 24 for neighbor messages, 40 for a redirect),
     * -1 for a type without options.
     */
    public static int optionsStart(int type) {
        return LAYOUTS.getOrDefault(type, PLAIN).optionsStart();
    }

    /**
     * The flags of a router or neighbor advertisement from letters (case-insensitive; M, O
     * of RFC 4861 4.2, R, S, O of 4.4; "" = none), bit 7 first.
     *
     * @throws IllegalArgumentException naming the letter and the type's letters
     */
    public static int parseFlags(int type, String letters) {
        String known = LAYOUTS.getOrDefault(type, PLAIN).flagLetters();
        int flags = 0;
        for (char c : letters.strip().toCharArray()) {
            int index = known.indexOf(Character.toUpperCase(c));
            if (index < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a flag of " + name(type)
                        + (known.isEmpty() ? ", which has none" : ": use letters from " + known));
            }
            flags |= 0x80 >> index;
        }
        return flags;
    }

    /** The reply a request type draws (echo request 128 -> 129), or -1 for a type that draws none. */
    public static int replyType(int type) {
        return type == ECHO_REQUEST ? ECHO_REPLY : -1;
    }

    /** Words for text output: "echo request", "neighbor solicitation". */
    static String words(int type) {
        return TABLE.words(type);
    }

    /** Words for an error code: "unreachable port", "in-transit", "erroneous header field"; null when unknown. */
    static String codeWords(int type, int code) {
        return TABLE.codeWords(type, code);
    }
}
