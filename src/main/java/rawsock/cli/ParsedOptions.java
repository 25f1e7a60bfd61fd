package rawsock.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import rawsock.app.UsageException;
import rawsock.packet.MacAddress;

/**
 * What one command line said, read through picocli's parse result and the options' model
 * objects: whether an option was given and its typed value. An option not given has no value
 * (null), whatever its default, so a rule can tell "not given" from "given as the default".
 * Values that need a check on top of picocli's conversion (a number's range, a MAC's syntax)
 * are refused here with the option's name, as every usage error is: one line, exit 2.
 */
final class ParsedOptions {
    private final ParseResult parsed;

    ParsedOptions(ParseResult parsed) {
        this.parsed = parsed;
    }

    boolean given(OptionSpec option) {
        return parsed.hasMatchedOption(option);
    }

    /** The value {@code option} was given, or null when not given. */
    <T> T value(OptionSpec option) {
        return given(option) ? option.getValue() : null;
    }

    /** The words {@code positional} was given, or null when none. */
    <T> T value(PositionalParamSpec positional) {
        return parsed.hasMatchedPositional(positional) ? positional.getValue() : null;
    }

    /** The first of {@code options} given on the command line, or null. */
    OptionSpec firstGiven(List<OptionSpec> options) {
        for (OptionSpec option : options) {
            if (given(option)) {
                return option;
            }
        }
        return null;
    }

    /** The number {@code option} gives, checked against min..max; null when not given. */
    Integer number(OptionSpec option, long min, long max) {
        return Ranges.optional(option.longestName(), value(option), min, max);
    }

    /**
     * The address {@code option} gives (a name is resolved), of the family the field holds: IPv6
     * when {@code ipv6}, else IPv4; null when not given. One of the other family is a usage error,
     * "OPTION TEXT" followed by {@code otherFamily}, which says why it cannot go there.
     */
    InetAddress address(OptionSpec option, boolean ipv6, String otherFamily) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        InetAddress address = AddressOption.resolve(option.longestName(), text, ipv6);
        if ((address instanceof Inet6Address) != ipv6) {
            throw new UsageException(option.longestName() + " " + text + otherFamily);
        }
        return address;
    }

    /** The MAC {@code option} gives, or null when not given. */
    byte[] mac(OptionSpec option) {
        String text = value(option);
        return text == null ? null : mac(option.longestName(), text);
    }

    /** {@code text} as a MAC; a usage error naming {@code option} when it is none. */
    static byte[] mac(String option, String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }
}
