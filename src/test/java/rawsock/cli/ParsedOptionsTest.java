package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import rawsock.app.UsageException;

/**
 * What the readers of send and recv are told about one command line: an option not given has no
 * value even where the model has a default, and a value that fails its range or syntax is a usage
 * error naming the option.
 */
class ParsedOptionsTest {
    private final SendOptions o = new SendOptions();

    private ParsedOptions parse(String... args) {
        CommandSpec spec = CommandSpec.create();
        o.addTo(spec);
        return new ParsedOptions(new CommandLine(spec).parseArgs(args));
    }

    @Test
    void notGivenHasNoValueThoughTheModelHasADefault() {
        ParsedOptions line = parse("-d", "127.0.0.1");
        assertEquals("icmp", o.protocol.getValue(), "the model's default");
        assertFalse(line.given(o.protocol));
        assertNull(line.<String>value(o.protocol));
        assertNull(line.number(o.tos, 0, 255));
        assertNull(line.mac(o.sourceMac));
        assertNull(line.<List<String>>value(o.hosts));
        assertTrue(line.given(o.destination));
        assertEquals("127.0.0.1", line.<String>value(o.destination));
    }

    @Test
    void typedValues() {
        ParsedOptions line = parse("-p", "udp", "--tos", "0x10", "--src-mac", "02:00:00:00:00:01", "127.0.0.2", "::1");
        assertEquals("udp", line.<String>value(o.protocol));
        assertEquals(16, line.number(o.tos, 0, 255));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, line.mac(o.sourceMac));
        assertEquals(List.of("127.0.0.2", "::1"), line.<List<String>>value(o.hosts));
    }

    @Test
    void anAddressOfTheOtherFamilyIsRefusedWithTheFieldsReason() throws Exception {
        ParsedOptions line = parse("-d", "127.0.0.1", "--arp-spa", "::1", "--arp-tpa", "127.0.0.9",
                "--nd-target", "fd99::1", "--icmp-gateway", "127.0.0.1");
        assertNull(line.address(o.arpSenderMac, false, " never"), "not given: null");
        assertEquals(java.net.InetAddress.getByName("127.0.0.9"), line.address(o.arpTargetIp, false, " is IPv6"));
        assertEquals(java.net.InetAddress.getByName("fd99::1"), line.address(o.ndTarget, true, " is IPv4"));
        UsageException v6 = assertThrows(UsageException.class, () -> line.address(o.arpSenderIp, false, " is IPv6; no"));
        assertEquals("--arp-spa ::1 is IPv6; no", v6.getMessage());
        UsageException v4 = assertThrows(UsageException.class, () -> line.address(o.icmpGateway, true, " is IPv4; no"));
        assertEquals("--icmp-gateway 127.0.0.1 is IPv4; no", v4.getMessage());
    }

    @Test
    void firstGivenFollowsTheListNotTheCommandLine() {
        ParsedOptions line = parse("-d", "127.0.0.1", "--tos", "1", "--ttl", "2");
        assertSame(o.ttl, line.firstGiven(List.of(o.ipId, o.ttl, o.tos)));
        assertNull(line.firstGiven(List.of(o.ipId, o.flowLabel)));
    }

    @Test
    void badValuesNameTheirOption() {
        ParsedOptions line = parse("-d", "127.0.0.1", "--tos", "256", "--dst-mac", "02:00:00:00:00");
        UsageException range = assertThrows(UsageException.class, () -> line.number(o.tos, 0, 255));
        assertTrue(range.getMessage().startsWith("--tos 256"), range.getMessage());
        UsageException mac = assertThrows(UsageException.class, () -> line.mac(o.destinationMac));
        assertTrue(mac.getMessage().startsWith("--dst-mac "), mac.getMessage());
    }
}
