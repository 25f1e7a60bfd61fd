package rawsock.packet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ICMPv4 message types (RFC 792, 950, 1256) and the codes of the error types: names for options
 * ({@code --icmp-type echo-request}) and JSON, and the words text output uses.
 */
public final class IcmpTypes {
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACH = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int ROUTER_ADVERT = 9;
    public static final int ROUTER_SOLICIT = 10;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAM_PROBLEM = 12;
    public static final int TIMESTAMP = 13;
    public static final int TIMESTAMP_REPLY = 14;
    public static final int INFO_REQUEST = 15;
    public static final int INFO_REPLY = 16;
    public static final int ADDRESS_MASK_REQUEST = 17;
    public static final int ADDRESS_MASK_REPLY = 18;

    /** Destination-unreachable code 4: the next-hop MTU is in the low 16 bits of the rest of header. */
    public static final int CODE_FRAG_NEEDED = 4;
    public static final int CODE_PORT_UNREACH = 3;

    private static final String[] NAMES = new String[256];
    /** What follows "ICMP " in text output for the types without a special layout. */
    private static final String[] WORDS = new String[256];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    private static final String[] UNREACH_CODES = {
        "net-unreachable", "host-unreachable", "protocol-unreachable", "port-unreachable",
        "frag-needed", "source-route-failed", "net-unknown", "host-unknown", "host-isolated",
        "net-prohibited", "host-prohibited", "net-tos-unreachable", "host-tos-unreachable",
        "admin-prohibited", "host-precedence-violation", "precedence-cutoff",
    };
    private static final String[] UNREACH_WORDS = {
        "net unreachable", "host unreachable", "protocol unreachable", "port unreachable",
        "frag needed", "source route failed", "net unknown", "host unknown", "source host isolated",
        "net prohibited", "host prohibited", "net unreachable for tos", "host unreachable for tos",
        "admin prohibited", "host precedence violation", "precedence cutoff",
    };
    private static final String[] REDIRECT_CODES = {"net", "host", "tos-net", "tos-host"};
    private static final String[] TIME_EXCEEDED_CODES = {"ttl-exceeded", "reassembly-timeout"};
    private static final String[] TIME_EXCEEDED_WORDS = {"time exceeded in-transit", "ip reassembly time exceeded"};
    private static final String[] PARAM_PROBLEM_CODES = {"pointer", "missing-option", "bad-length"};

    static {
        define(ECHO_REPLY, "echo-reply", "echo reply");
        define(DEST_UNREACH, "dest-unreach", "unreachable");
        define(SOURCE_QUENCH, "source-quench", "source quench");
        define(REDIRECT, "redirect", "redirect");
        define(ECHO_REQUEST, "echo-request", "echo request");
        define(ROUTER_ADVERT, "router-advert", "router advertisement");
        define(ROUTER_SOLICIT, "router-solicit", "router solicitation");
        define(TIME_EXCEEDED, "time-exceeded", "time exceeded");
        define(PARAM_PROBLEM, "param-problem", "parameter problem");
        define(TIMESTAMP, "timestamp", "timestamp request");
        define(TIMESTAMP_REPLY, "timestamp-reply", "timestamp reply");
        define(INFO_REQUEST, "info-request", "information request");
        define(INFO_REPLY, "info-reply", "information reply");
        define(ADDRESS_MASK_REQUEST, "address-mask-request", "address mask request");
        define(ADDRESS_MASK_REPLY, "address-mask-reply", "address mask reply");
        // Spellings of ping(8), nping and iptables, accepted on input only.
        BY_NAME.put("echo", ECHO_REQUEST);
        BY_NAME.put("echoreply", ECHO_REPLY);
        BY_NAME.put("unreachable", DEST_UNREACH);
        BY_NAME.put("destination-unreachable", DEST_UNREACH);
        BY_NAME.put("timestamp-request", TIMESTAMP);
        BY_NAME.put("parameter-problem", PARAM_PROBLEM);
        BY_NAME.put("router-advertisement", ROUTER_ADVERT);
        BY_NAME.put("router-solicitation", ROUTER_SOLICIT);
        BY_NAME.put("ttl-exceeded", TIME_EXCEEDED);
    }

    private IcmpTypes() {
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
            throw new IllegalArgumentException("empty ICMP type: use a name such as echo-request or 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber("ICMP type", text);
        }
        Integer type = BY_NAME.get(text);
        if (type == null) {
            throw new IllegalArgumentException("unknown ICMP type '" + nameOrNumber.trim() + "': use 0..255 or one of "
                    + String.join(", ", namedTypes()));
        }
        return type;
    }

    /**
     * A code for {@code type}: a number 0..255, or for dest-unreach, redirect, time-exceeded and
     * param-problem a code name such as "port-unreachable" or "frag-needed".
     */
    public static int parseCode(int type, String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty ICMP code: use 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber("ICMP code", text);
        }
        String[] codes = codeNames(type);
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i].equals(text)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown ICMP code '" + nameOrNumber.trim() + "' for type " + name(type)
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

    /** The type's name ("echo-request"), or the number as text when it has none. */
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

    /** True for the error messages that quote the offending packet (RFC 792: 3, 4, 5, 11, 12). */
    public static boolean isError(int type) {
        return type == DEST_UNREACH || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAM_PROBLEM;
    }

    /** True for the types whose rest of header is an identifier and a sequence number. */
    public static boolean hasIdSeq(int type) {
        return type == ECHO_REPLY || type == ECHO_REQUEST || (type >= TIMESTAMP && type <= ADDRESS_MASK_REPLY);
    }

    /** Words for text output: "echo request", "port unreachable", "time exceeded in-transit". */
    static String words(int type, int code) {
        if (type == DEST_UNREACH && code >= 0 && code < UNREACH_WORDS.length) {
            return UNREACH_WORDS[code];
        }
        if (type == TIME_EXCEEDED && code >= 0 && code < TIME_EXCEEDED_WORDS.length) {
            return TIME_EXCEEDED_WORDS[code];
        }
        return type >= 0 && type <= 255 ? WORDS[type] : null;
    }

    private static String[] codeNames(int type) {
        switch (type) {
            case DEST_UNREACH:
                return UNREACH_CODES;
            case REDIRECT:
                return REDIRECT_CODES;
            case TIME_EXCEEDED:
                return TIME_EXCEEDED_CODES;
            case PARAM_PROBLEM:
                return PARAM_PROBLEM_CODES;
            default:
                return null;
        }
    }

    private static String[] namedTypes() {
        return new String[] {"echo-reply", "dest-unreach", "source-quench", "redirect", "echo-request",
            "router-advert", "router-solicit", "time-exceeded", "param-problem", "timestamp",
            "timestamp-reply", "info-request", "info-reply", "address-mask-request", "address-mask-reply"};
    }
}
