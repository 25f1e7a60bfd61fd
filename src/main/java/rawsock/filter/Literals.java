package rawsock.filter;

import rawsock.packet.MacAddress;
import rawsock.text.DottedQuads;
import rawsock.text.Ipv6Literals;
import rawsock.text.LeadingZero;
import rawsock.text.Numbers;

/**
 * The filter language's literals, read by the parsers of rawsock.text under the filter's rules.
 * tcpdump (libpcap) reads a decimal with a leading zero as octal, in numbers and in address
 * parts alike, so the filter refuses one as ambiguous rather than read it otherwise; numbers
 * take no sign and no blanks (the lexer has split the words). None of these consults a resolver:
 * a word that is not a literal is refused by the caller, so compiling a filter never causes a DNS
 * lookup.
 */
final class Literals {
    /** Numbers: decimal or 0x hex, no sign, a leading zero refused (tcpdump: octal). */
    static final Numbers.Syntax NUMBER = new Numbers.Syntax(LeadingZero.REFUSED, false, true, false);
    /** Address parts: a leading zero refused (tcpdump: octal). */
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
