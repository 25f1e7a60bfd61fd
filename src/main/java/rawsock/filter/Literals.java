package rawsock.filter;

import rawsock.packet.MacAddress;
import rawsock.text.DottedQuads;
import rawsock.text.Ipv6Literals;
import rawsock.text.LeadingZero;
import rawsock.text.Numbers;

/**
 * The filter language's literals, read by the parsers of rawsock.text under the filter's rules.
 * A decimal with a leading zero is refused as ambiguous: in a number tcpdump (libpcap) reads it
 * as octal ("port 010" is port 8), in an address part as decimal while inet_aton (ping, and the C
 * library's name lookup) reads octal; LiteralsTcpdumpTest holds both facts to tcpdump. Numbers
 * take no sign and no blanks (the lexer has split the words). None of these consults a resolver:
 * a word that is not a literal is refused by the caller, so compiling a filter never causes a DNS
 * lookup.
 */
final class Literals {
    /** Numbers: decimal or 0x hex, no sign, a leading zero refused (tcpdump: octal). */
    static final Numbers.Syntax NUMBER = new Numbers.Syntax(LeadingZero.REFUSED, false, true, false);
    /** Address parts: a leading zero refused (libpcap: decimal, inet_aton: octal). */
    static final LeadingZero OCTETS = LeadingZero.REFUSED;

    private Literals() {
    }

    /** An IPv4 network from a dotted prefix: 1 to 4 decimal parts, the missing ones zero; or null. */
    static DottedQuads.Prefix v4Prefix(String s) {
        return DottedQuads.parsePrefix(s, OCTETS);
    }

    /** A full dotted-quad IPv4 address, or null. */
    static Integer v4(String s) {
        return DottedQuads.parse(s, OCTETS);
    }

    /** An IPv6 address as four big-endian 32-bit words, or null (zone ids are not accepted). */
    static int[] v6(String s) {
        return Ipv6Literals.parse(s);
    }

    /** A MAC address as 6 bytes, in the spellings {@link MacAddress#parse} takes, or null. */
    static byte[] mac(String s) {
        return MacAddress.tryParse(s);
    }
}
