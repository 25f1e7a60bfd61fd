package rawsock.packet;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import rawsock.text.Numbers;

/**
 * EtherType numbers (the Ethernet type field and the inner type of a VLAN tag) with two names
 * each: a lowercase one for JSON fields and {@code --ethertype} ("ipv4", "arp", "vlan"), and
 * the one tcpdump prints after "ethertype" ("IPv4", "ARP", "802.1Q").
 *
 * <p>Values below {@link #MIN_ETHERTYPE} (0x0600) are not EtherTypes: in that position they are
 * an IEEE 802.3 length, and an LLC header follows.
 */
public final class EtherType {
    /** Smallest EtherType; a type field below it is an 802.3 length (IEEE 802.3 3.2.6). */
    public static final int MIN_ETHERTYPE = 0x0600;
    /** Largest payload an 802.3 length field may state. */
    public static final int MAX_8023_LENGTH = 1500;

    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int WOL = 0x0842;
    public static final int RARP = 0x8035;
    /** IEEE 802.1Q customer tag (C-tag) TPID. */
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86dd;
    public static final int SLOW = 0x8809;
    public static final int MPLS = 0x8847;
    public static final int MPLS_MULTICAST = 0x8848;
    public static final int PPPOE_DISCOVERY = 0x8863;
    public static final int PPPOE_SESSION = 0x8864;
    public static final int EAPOL = 0x888e;
    /** IEEE 802.1ad service tag (S-tag) TPID, the outer tag of QinQ. */
    public static final int QINQ = 0x88a8;
    public static final int LLDP = 0x88cc;
    public static final int MACSEC = 0x88e5;
    public static final int PTP = 0x88f7;
    public static final int CFM = 0x8902;
    public static final int LOOPBACK = 0x9000;
    /** The pre-standard QinQ TPID some switches still send. */
    public static final int QINQ_9100 = 0x9100;

    private static final Map<Integer, String[]> NAMES = new HashMap<>();
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        define(IPV4, "ipv4", "IPv4");
        define(ARP, "arp", "ARP");
        define(WOL, "wol", "Wake-on-LAN");
        define(RARP, "rarp", "Reverse ARP");
        define(VLAN, "vlan", "802.1Q");
        define(IPV6, "ipv6", "IPv6");
        define(SLOW, "slow", "Slow Protocols");
        define(MPLS, "mpls", "MPLS unicast");
        define(MPLS_MULTICAST, "mpls-multicast", "MPLS multicast");
        define(PPPOE_DISCOVERY, "pppoe-discovery", "PPPoE D");
        define(PPPOE_SESSION, "pppoe-session", "PPPoE S");
        define(EAPOL, "eapol", "EAPOL");
        define(QINQ, "qinq", "802.1Q-QinQ");
        define(LLDP, "lldp", "LLDP");
        define(MACSEC, "macsec", "MACsec");
        define(PTP, "ptp", "PTP");
        define(CFM, "cfm", "CFM");
        define(LOOPBACK, "loopback", "Loopback");
        define(QINQ_9100, "qinq-9100", "802.1Q-9100");
        // Spellings people type; output uses the names above.
        BY_NAME.put("ip", IPV4);
        BY_NAME.put("ip6", IPV6);
        BY_NAME.put("802.1q", VLAN);
        BY_NAME.put("dot1q", VLAN);
        BY_NAME.put("802.1ad", QINQ);
        BY_NAME.put("dot1ad", QINQ);
    }

    private EtherType() {
    }

    private static void define(int type, String name, String display) {
        NAMES.put(type, new String[] {name, display, hexText(type)});
        BY_NAME.put(name, type);
    }

    /** The lowercase name, or the hex text ("0x88b5") when the type has none (never null). */
    public static String name(int type) {
        String[] names = NAMES.get(type);
        return names != null ? names[0] : hex(type);
    }

    /** tcpdump's word for the type after "ethertype", or "Unknown" as tcpdump prints it. */
    public static String display(int type) {
        String[] names = NAMES.get(type);
        return names != null ? names[1] : "Unknown";
    }

    /** True when {@link #name(int)} gives a name rather than the hex text. */
    public static boolean isNamed(int type) {
        return NAMES.containsKey(type);
    }

    /**
     * "0x" and four lowercase hex digits, e.g. "0x88cc". The text of every type is built once and
     * kept, so a capture loop allocates nothing here after the first frame of each type.
     */
    public static String hex(int type) {
        if (type < 0 || type > 0xffff) {
            return hexText(type);
        }
        String[] known = NAMES.get(type);
        if (known != null) {
            return known[2];
        }
        String[] cache = HexCache.TEXT;
        String text = cache[type];
        if (text == null) {
            // A race only builds an equal String twice; Strings are safely published.
            text = hexText(type);
            cache[type] = text;
        }
        return text;
    }

    private static String hexText(int type) {
        StringBuilder text = new StringBuilder(6);
        Bytes.appendHex16(text, type);
        return text.toString();
    }

    /** True for the tag protocol identifiers a VLAN tag starts with: 0x8100, 0x88a8, 0x9100. */
    public static boolean isVlanTpid(int type) {
        return type == VLAN || type == QINQ || type == QINQ_9100;
    }

    /**
     * A name (case-insensitive), a hex number ("0x88cc") or a decimal number, 0..65535.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    public static int parse(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty EtherType: use a name (" + knownNames()
                    + "), 0x0600..0xffff or a decimal number");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        Integer named = BY_NAME.get(text);
        if (named != null) {
            return named;
        }
        long value = Numbers.parseOrMinusOne(text, Numbers.DIGITS_OR_HEX);
        if (value < 0) {
            throw new IllegalArgumentException("unknown EtherType '" + nameOrNumber.trim() + "': use a name ("
                    + knownNames() + "), a hex number like 0x88b5 or a decimal number");
        }
        if (value > 0xffff) {
            throw new IllegalArgumentException("EtherType " + nameOrNumber.trim() + " is out of range 0..0xffff");
        }
        return (int) value;
    }

    private static String knownNames() {
        return "ipv4, ipv6, arp, vlan, qinq, lldp, ...";
    }

    /** Lazily built: a RAW capture never pays for the 64 Ki slots. */
    private static final class HexCache {
        static final String[] TEXT = new String[0x10000];
    }
}
