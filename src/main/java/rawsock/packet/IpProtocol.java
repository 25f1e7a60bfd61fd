package rawsock.packet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * IP protocol numbers (the IPv4 "protocol" / IPv6 "next header" field) and their names, as
 * /etc/protocols and tcpdump spell them, for options like {@code --proto} and for output.
 */
public final class IpProtocol {
    public static final int HOPOPT = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int IPIP = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6 = 41;
    public static final int IPV6_ROUTE = 43;
    public static final int IPV6_FRAG = 44;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMP6 = 58;
    public static final int IPV6_NONXT = 59;
    public static final int IPV6_OPTS = 60;
    public static final int OSPF = 89;
    public static final int PIM = 103;
    public static final int VRRP = 112;
    public static final int SCTP = 132;
    public static final int UDPLITE = 136;
    public static final int RAW = 255;

    private static final String[] NAMES = new String[256];
    /** Decimal text of every number, built once so name() never allocates in a capture loop. */
    private static final String[] NUMBERS = new String[256];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int i = 0; i < 256; i++) {
            NUMBERS[i] = Integer.toString(i);
        }
        define(HOPOPT, "hopopt");
        define(ICMP, "icmp");
        define(IGMP, "igmp");
        define(IPIP, "ipip");
        define(TCP, "tcp");
        define(UDP, "udp");
        define(IPV6, "ipv6");
        define(IPV6_ROUTE, "ipv6-route");
        define(IPV6_FRAG, "ipv6-frag");
        define(GRE, "gre");
        define(ESP, "esp");
        define(AH, "ah");
        define(ICMP6, "icmp6");
        define(IPV6_NONXT, "ipv6-nonxt");
        define(IPV6_OPTS, "ipv6-opts");
        define(OSPF, "ospf");
        define(PIM, "pim");
        define(VRRP, "vrrp");
        define(SCTP, "sctp");
        define(UDPLITE, "udplite");
        define(RAW, "raw");
        // Other spellings people type (the /etc/protocols aliases); output uses the names above.
        BY_NAME.put("icmpv6", ICMP6);
        BY_NAME.put("ipv6-icmp", ICMP6);
        BY_NAME.put("ipencap", IPIP);
        BY_NAME.put("ospfigp", OSPF);
    }

    private IpProtocol() {
    }

    private static void define(int number, String name) {
        NAMES[number] = name;
        BY_NAME.put(name, number);
    }

    /**
     * A protocol name (case-insensitive) or a decimal number 0..255.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    public static int parse(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty IP protocol: use a name (" + knownNames() + ") or 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return TypeNames.parseNumber("IP protocol number", text);
        }
        Integer number = BY_NAME.get(text);
        if (number == null) {
            throw new IllegalArgumentException("unknown IP protocol '" + nameOrNumber.trim()
                    + "': use a name (" + knownNames() + ") or a number 0..255");
        }
        return number;
    }

    /** The protocol's name, or its number as text when it has none (never null). */
    public static String name(int number) {
        if (number < 0 || number > 255) {
            return Integer.toString(number);
        }
        return NAMES[number] != null ? NAMES[number] : NUMBERS[number];
    }

    /** Decimal text of {@code number} 0..255 without allocating. */
    static String number(int number) {
        return number >= 0 && number <= 255 ? NUMBERS[number] : Integer.toString(number);
    }

    /**
     * The header rawsock builds for {@code protocol}, options aside: ICMP, ICMPv6, UDP and IGMP
     * 8 bytes, TCP 20; 0 for any other protocol, whose payload is the whole message.
     */
    public static int builtHeaderLength(int protocol) {
        switch (protocol) {
            case ICMP:
            case ICMP6:
                return IcmpHeader.HEADER_LENGTH;
            case UDP:
                return Udp.HEADER_LENGTH;
            case IGMP:
                return Igmp.HEADER_LENGTH;
            case TCP:
                return Tcp.MIN_HEADER;
            default:
                return 0;
        }
    }

    /** True when {@link #name(int)} gives a name rather than the number. */
    public static boolean isNamed(int number) {
        return number >= 0 && number <= 255 && NAMES[number] != null;
    }

    private static String knownNames() {
        return "icmp, igmp, tcp, udp, icmp6, gre, esp, ah, sctp, raw, ...";
    }
}
