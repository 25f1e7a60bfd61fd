package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rawsock.app.SendSpec;
import rawsock.packet.Arp;
import rawsock.packet.MacAddress;
import rawsock.testing.CommandModel;

/** What --vlan, --vlan-prio and the --arp-* options put into the spec (their refusals are the bad-input matrix's). */
class SendLinkOptionsTest {
    private static SendSpec spec(String line) throws Exception {
        CommandLine root = CommandModel.commands().get(0);
        CommandLine.ParseResult result = root.parseArgs(("send --link -I lo " + line).split(" "));
        return ((SendCommand) result.subcommand().commandSpec().userObject()).toSpec();
    }

    @Test
    void vlanIdsAreOutermostFirst() throws Exception {
        SendSpec s = spec("-d 127.0.0.1 --dst-mac 02:00:00:00:00:01 --vlan 200,0x64 --vlan-prio 3");
        assertArrayEquals(new int[] {200, 100}, s.vlanIds);
        assertEquals(3, s.vlanPriority);
        assertArrayEquals(new int[] {7}, spec("-d 127.0.0.1 --vlan 7").vlanIds);
        assertEquals(0, spec("-d 127.0.0.1 --vlan 7").vlanPriority);
        assertArrayEquals(new int[0], spec("-d 127.0.0.1").vlanIds);
    }

    @Test
    void arpFieldsByNameOrNumber() throws Exception {
        SendSpec s = spec("-p arp -d 127.0.0.1 --arp-op reply --arp-sha 02:00:00:00:00:0a --arp-spa 127.0.0.9 "
                + "--arp-tha 02:00:00:00:00:0b --arp-tpa 127.0.0.8 --src-mac 02:00:00:00:00:0c");
        assertEquals(Arp.REPLY, s.arpOperation);
        assertArrayEquals(MacAddress.parse("02:00:00:00:00:0a"), s.arpSenderMac);
        assertEquals("127.0.0.9", s.arpSenderIp.getHostAddress());
        assertArrayEquals(MacAddress.parse("02:00:00:00:00:0b"), s.arpTargetMac);
        assertEquals("127.0.0.8", s.arpTargetIp.getHostAddress());
        assertArrayEquals(MacAddress.parse("02:00:00:00:00:0c"), s.sourceMac);
        assertEquals(Arp.INARP_REQUEST, spec("-p arp -d 127.0.0.1 --arp-op 8").arpOperation);
        SendSpec plain = spec("-p arp -d 127.0.0.1 --wait");
        assertEquals(Arp.REQUEST, plain.arpOperation);
        assertNull(plain.arpSenderIp);
        assertEquals(1_000_000_000L, plain.waitNanos);
    }
}
