package rawsock.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import rawsock.app.UsageException;
import rawsock.text.DottedQuads;
import rawsock.text.LeadingZero;

/** Turns --dst/--src text into addresses, refusing what cannot be one with a usage error. */
final class AddressOption {
    private AddressOption() {
    }

    /**
     * A literal IPv4 or IPv6 address, or a host name resolved through the system's resolver
     * (IPv6 first with {@code preferIpv6}).
     */
    static InetAddress resolve(String option, String text, boolean preferIpv6) {
        String host = text.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new UsageException(option + " is empty");
        }
        boolean literal = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
        try {
            if (literal) {
                return host.indexOf(':') >= 0 ? ipv6Literal(option, text, host) : ipv4Literal(option, text, host);
            }
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress address : all) {
                if (preferIpv6 ? address instanceof Inet6Address : address instanceof Inet4Address) {
                    return address;
                }
            }
            if (preferIpv6) {
                throw new UsageException(option + " '" + text + "' has no IPv6 address");
            }
            return all[0];
        } catch (UnknownHostException e) {
            throw new UsageException(option + " '" + text + "' is neither an address nor a known host name");
        }
    }

    /**
     * The command line's rule for a leading zero in an address part: decimal, as in its numbers
     * (010.0.0.1 is 10.0.0.1, as the JDK reads it; inet_aton would read octal).
     */
    static final LeadingZero OCTETS = LeadingZero.DECIMAL;

    /**
     * Dotted quad parsed by {@link DottedQuads}: InetAddress.getByName takes "999.1.1.1" for a
     * host name and asks the resolver (a DNS query for a typo).
     */
    private static InetAddress ipv4Literal(String option, String text, String host) throws UnknownHostException {
        byte[] bytes = DottedQuads.bytes(host, OCTETS);
        if (bytes == null) {
            throw new UsageException(option + " '" + text + "' is not an IPv4 address");
        }
        return InetAddress.getByAddress(bytes);
    }

    /** In brackets, InetAddress parses an IPv6 literal or refuses it; without, "::g" goes to the resolver. */
    private static InetAddress ipv6Literal(String option, String text, String host) {
        try {
            return InetAddress.getByName("[" + host + "]");
        } catch (UnknownHostException e) {
            throw new UsageException(option + " '" + text + "' is not an IPv6 address");
        }
    }
}
