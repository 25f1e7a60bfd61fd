package rawsock.packet;

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

    static final TypeNames TABLE = new TypeNames("ICMP");

    /** The error messages, which quote the offending packet (RFC 792: 3, 4, 5, 11, 12). */
    private static final int[] ERROR_TYPES = {DEST_UNREACH, SOURCE_QUENCH, REDIRECT, TIME_EXCEEDED, PARAM_PROBLEM};

    static {
        TABLE.define(ECHO_REPLY, "echo-reply", "echo reply");
        TABLE.define(DEST_UNREACH, "dest-unreach", "unreachable");
        TABLE.define(SOURCE_QUENCH, "source-quench", "source quench");
        TABLE.define(REDIRECT, "redirect", "redirect");
        TABLE.define(ECHO_REQUEST, "echo-request", "echo request");
        TABLE.define(ROUTER_ADVERT, "router-advert", "router advertisement");
        TABLE.define(ROUTER_SOLICIT, "router-solicit", "router solicitation");
        TABLE.define(TIME_EXCEEDED, "time-exceeded", "time exceeded");
        TABLE.define(PARAM_PROBLEM, "param-problem", "parameter problem");
        TABLE.define(TIMESTAMP, "timestamp", "timestamp request");
        TABLE.define(TIMESTAMP_REPLY, "timestamp-reply", "timestamp reply");
        TABLE.define(INFO_REQUEST, "info-request", "information request");
        TABLE.define(INFO_REPLY, "info-reply", "information reply");
        TABLE.define(ADDRESS_MASK_REQUEST, "address-mask-request", "address mask request");
        TABLE.define(ADDRESS_MASK_REPLY, "address-mask-reply", "address mask reply");
        // Spellings of ping(8), nping and iptables, accepted on input only.
        TABLE.alias("echo", ECHO_REQUEST);
        TABLE.alias("echoreply", ECHO_REPLY);
        TABLE.alias("unreachable", DEST_UNREACH);
        TABLE.alias("destination-unreachable", DEST_UNREACH);
        TABLE.alias("timestamp-request", TIMESTAMP);
        TABLE.alias("parameter-problem", PARAM_PROBLEM);
        TABLE.alias("router-advertisement", ROUTER_ADVERT);
        TABLE.alias("router-solicitation", ROUTER_SOLICIT);
        TABLE.alias("ttl-exceeded", TIME_EXCEEDED);

        TABLE.codeNames(DEST_UNREACH,
                "net-unreachable", "host-unreachable", "protocol-unreachable", "port-unreachable",
                "frag-needed", "source-route-failed", "net-unknown", "host-unknown", "host-isolated",
                "net-prohibited", "host-prohibited", "net-tos-unreachable", "host-tos-unreachable",
                "admin-prohibited", "host-precedence-violation", "precedence-cutoff");
        TABLE.codeWords(DEST_UNREACH,
                "net unreachable", "host unreachable", "protocol unreachable", "port unreachable",
                "frag needed", "source route failed", "net unknown", "host unknown", "source host isolated",
                "net prohibited", "host prohibited", "net unreachable for tos", "host unreachable for tos",
                "admin prohibited", "host precedence violation", "precedence cutoff");
        TABLE.codeNames(REDIRECT, "net", "host", "tos-net", "tos-host");
        TABLE.codeNames(TIME_EXCEEDED, "ttl-exceeded", "reassembly-timeout");
        TABLE.codeWords(TIME_EXCEEDED, "time exceeded in-transit", "ip reassembly time exceeded");
        TABLE.codeNames(PARAM_PROBLEM, "pointer", "missing-option", "bad-length");
    }

    private IcmpTypes() {
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
     * A code for {@code type}: a number 0..255, or for dest-unreach, redirect, time-exceeded and
     * param-problem a code name such as "port-unreachable" or "frag-needed".
     */
    public static int parseCode(int type, String nameOrNumber) {
        return TABLE.parseCode(type, nameOrNumber);
    }

    /** The type's name ("echo-request"), or the number as text when it has none. */
    public static String name(int type) {
        return TABLE.name(type);
    }

    /** The code's name for the error types ("port-unreachable"), or null. */
    public static String codeName(int type, int code) {
        return TABLE.codeName(type, code);
    }

    /** True for the error messages, which quote the offending packet (see {@link #errorTypes}). */
    public static boolean isError(int type) {
        for (int error : ERROR_TYPES) {
            if (type == error) {
                return true;
            }
        }
        return false;
    }

    /** The error types (3, 4, 5, 11, 12), a copy: what a probe's reply filter lets through besides replies. */
    public static int[] errorTypes() {
        return ERROR_TYPES.clone();
    }

    /**
     * True for the types whose rest of header is an identifier and a sequence number: echo,
     * timestamp, information and address-mask requests and replies.
     */
    public static boolean hasIdSeq(int type) {
        return type == ECHO_REPLY || type == ECHO_REQUEST || (type >= TIMESTAMP && type <= ADDRESS_MASK_REPLY);
    }

    /**
     * The reply a request type draws (echo 8 -> 0; timestamp, information and address-mask
     * requests -> the next type), or -1 for a type that draws none.
     */
    public static int replyType(int type) {
        switch (type) {
            case ECHO_REQUEST:
                return ECHO_REPLY;
            case TIMESTAMP:
            case INFO_REQUEST:
            case ADDRESS_MASK_REQUEST:
                return type + 1;
            default:
                return -1;
        }
    }

    /** Timestamp request and reply: their payload is three 32-bit timestamps (RFC 792). */
    public static boolean carriesTimestamps(int type) {
        return type == TIMESTAMP || type == TIMESTAMP_REPLY;
    }

    /**
     * Words for text output: "echo request", "port unreachable", "time exceeded in-transit". The
     * codes of dest-unreach and time-exceeded have words of their own, which replace the type's.
     */
    static String words(int type, int code) {
        String codeWords = TABLE.codeWords(type, code);
        return codeWords != null ? codeWords : TABLE.words(type);
    }
}
