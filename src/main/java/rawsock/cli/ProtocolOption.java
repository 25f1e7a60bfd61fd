package rawsock.cli;

import rawsock.app.UsageException;
import rawsock.packet.IpProtocol;

/** --proto for both commands: a name or number, with "icmp" meaning ICMPv6 over IPv6. */
final class ProtocolOption {
    private ProtocolOption() {
    }

    static int parse(String text, boolean ipv6) {
        int number;
        try {
            number = IpProtocol.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--proto " + e.getMessage());
        }
        if (ipv6 && number == IpProtocol.ICMP && text.equalsIgnoreCase("icmp")) {
            return IpProtocol.ICMP6;
        }
        if (!ipv6 && number == IpProtocol.ICMP6) {
            throw new UsageException("--proto icmp6 needs IPv6 (-6, or an IPv6 destination)");
        }
        return number;
    }
}
