package rawsock.packet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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

    private static final String[] NAMES = new String[256];
    /** What follows "ICMP6 " in text output. */
    private static final String[] WORDS = new String[256];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    private static final String[] UNREACH_CODES = {
        "no-route", "admin-prohibited", "beyond-scope", "address-unreachable", "port-unreachable",
        "source-policy", "reject-route", "source-routing-header",
    };
    /** tcpdump's words (print-icmp6.c) where it has them. */
    private static final String[] UNREACH_WORDS = {
        "unreachable route", "unreachable prohibited", "beyond scope", "unreachable address",
        "unreachable port", "source address failed policy", "reject route", "source routing header error",
    };
    private static final String[] TIME_EXCEEDED_CODES = {"hop-limit-exceeded", "reassembly-timeout"};
    private static final String[] TIME_EXCEEDED_WORDS = {"in-transit", "reassembly"};
    private static final String[] PARAM_PROBLEM_CODES = {
        "erroneous-header", "unrecognized-next-header", "unrecognized-option", "first-fragment-incomplete",
    };
    private static final String[] PARAM_PROBLEM_WORDS = {
        "erroneous header field", "unrecognized next header", "unrecognized option", "first fragment incomplete",
    };

    static {
        define(DEST_UNREACH, "dest-unreach", "destination unreachable");
        define(PACKET_TOO_BIG, "packet-too-big", "packet too big");
        define(TIME_EXCEEDED, "time-exceeded", "time exceeded");
        define(PARAM_PROBLEM, "param-problem", "parameter problem");
        define(ECHO_REQUEST, "echo-request", "echo request");
        define(ECHO_REPLY, "echo-reply", "echo reply");
        define(MLD_QUERY, "mld-query", "multicast listener query");
        define(MLD_REPORT, "mld-report", "multicast listener report");
        define(MLD_DONE, "mld-done", "multicast listener done");
        define(ROUTER_SOLICIT, "router-solicit", "router solicitation");
        define(ROUTER_ADVERT, "router-advert", "router advertisement");
        define(NEIGHBOR_SOLICIT, "neighbor-solicit", "neighbor solicitation");
        define(NEIGHBOR_ADVERT, "neighbor-advert", "neighbor advertisement");
        define(REDIRECT, "redirect", "redirect");
        define(MLDV2_REPORT, "mldv2-report", "multicast listener report v2");
        // Spellings of ping(8), ip6tables and nping, accepted on input only.
        BY_NAME.put("echo", ECHO_REQUEST);
        BY_NAME.put("echoreply", ECHO_REPLY);
        BY_NAME.put("unreachable", DEST_UNREACH);
        BY_NAME.put("destination-unreachable", DEST_UNREACH);
        BY_NAME.put("parameter-problem", PARAM_PROBLEM);
        BY_NAME.put("router-solicitation", ROUTER_SOLICIT);
        BY_NAME.put("router-advertisement", ROUTER_ADVERT);
        BY_NAME.put("neighbor-solicitation", NEIGHBOR_SOLICIT);
        BY_NAME.put("neighbour-solicitation", NEIGHBOR_SOLICIT);
        BY_NAME.put("neighbour-solicit", NEIGHBOR_SOLICIT);
        BY_NAME.put("neighbor-advertisement", NEIGHBOR_ADVERT);
        BY_NAME.put("neighbour-advertisement", NEIGHBOR_ADVERT);
        BY_NAME.put("neighbour-advert", NEIGHBOR_ADVERT);
        BY_NAME.put("ttl-exceeded", TIME_EXCEEDED);
    }

    private Icmpv6Types() {
    }

    private static void define(int type, String name, String words) {
        NAMES[type] = name;
        WORDS[type] = words;
        BY_NAME.put(name, type);
    }

    /**
     * A type name (case-insensitive) or a number 0..255.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    public static int parse(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty ICMPv6 type: use a name such as echo-request or 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber("ICMPv6 type", text);
        }
        Integer type = BY_NAME.get(text);
        if (type == null) {
            throw new IllegalArgumentException("unknown ICMPv6 type '" + nameOrNumber.trim()
                    + "': use 0..255 or one of " + String.join(", ", namedTypes()));
        }
        return type;
    }

    /**
     * A code for {@code type}: a number 0..255, or for dest-unreach, time-exceeded and
     * param-problem a code name such as "port-unreachable" or "hop-limit-exceeded".
     */
    public static int parseCode(int type, String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty ICMPv6 code: use 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber("ICMPv6 code", text);
        }
        String[] codes = codeNames(type);
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i].equals(text)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown ICMPv6 code '" + nameOrNumber.trim() + "' for type " + name(type)
                + (codes == null ? ": use 0..255" : ": use 0..255 or one of " + String.join(", ", codes)));
    }

    private static int parseNumber(String what, String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            number = Integer.MAX_VALUE;
        }
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException(what + " " + text + " is out of range 0..255");
        }
        return number;
    }

    /** The type's name ("neighbor-solicit"), or the number as text when it has none. */
    public static String name(int type) {
        if (type < 0 || type > 255) {
            return Integer.toString(type);
        }
        return NAMES[type] != null ? NAMES[type] : IpProtocol.number(type);
    }

    /** The code's name for the error types ("port-unreachable"), or null. */
    public static String codeName(int type, int code) {
        String[] codes = codeNames(type);
        return codes != null && code >= 0 && code < codes.length ? codes[code] : null;
    }

    /** RFC 4443 2.1: types 0..127 are errors, which quote as much of the invoking packet as fits. */
    public static boolean isError(int type) {
        return type >= 0 && type < 128;
    }

    /** True for the types whose first 32 bits after the checksum are an identifier and a sequence number. */
    public static boolean hasIdSeq(int type) {
        return type == ECHO_REQUEST || type == ECHO_REPLY;
    }

    /** Words for text output: "echo request", "neighbor solicitation". */
    static String words(int type) {
        return type >= 0 && type <= 255 ? WORDS[type] : null;
    }

    /** Words for an error code: "unreachable port", "in-transit", "erroneous header field"; null when unknown. */
    static String codeWords(int type, int code) {
        String[] words;
        switch (type) {
            case DEST_UNREACH:
                words = UNREACH_WORDS;
                break;
            case TIME_EXCEEDED:
                words = TIME_EXCEEDED_WORDS;
                break;
            case PARAM_PROBLEM:
                words = PARAM_PROBLEM_WORDS;
                break;
            default:
                return null;
        }
        return code >= 0 && code < words.length ? words[code] : null;
    }

    private static String[] codeNames(int type) {
        switch (type) {
            case DEST_UNREACH:
                return UNREACH_CODES;
            case TIME_EXCEEDED:
                return TIME_EXCEEDED_CODES;
            case PARAM_PROBLEM:
                return PARAM_PROBLEM_CODES;
            default:
                return null;
        }
    }

    private static String[] namedTypes() {
        return new String[] {"dest-unreach", "packet-too-big", "time-exceeded", "param-problem", "echo-request",
            "echo-reply", "mld-query", "mld-report", "mld-done", "router-solicit", "router-advert",
            "neighbor-solicit", "neighbor-advert", "redirect", "mldv2-report"};
    }
}
