package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** IpProtocol, IcmpTypes and TcpFlags: the tables behind the command-line names. */
class NamesTest {

    @Test
    void ipProtocolNumbersAndNames() {
        assertEquals(1, IpProtocol.parse("icmp"));
        assertEquals(2, IpProtocol.parse("IGMP"));
        assertEquals(6, IpProtocol.parse(" tcp "));
        assertEquals(17, IpProtocol.parse("udp"));
        assertEquals(58, IpProtocol.parse("icmp6"));
        assertEquals(58, IpProtocol.parse("ipv6-icmp"));
        assertEquals(47, IpProtocol.parse("gre"));
        assertEquals(50, IpProtocol.parse("esp"));
        assertEquals(51, IpProtocol.parse("ah"));
        assertEquals(132, IpProtocol.parse("sctp"));
        assertEquals(255, IpProtocol.parse("raw"));
        assertEquals(0, IpProtocol.parse("0"));
        assertEquals(253, IpProtocol.parse("253"));
        assertEquals("tcp", IpProtocol.name(6));
        assertEquals("icmp6", IpProtocol.name(58));
        assertEquals("253", IpProtocol.name(253));
        assertTrue(IpProtocol.name(253) == IpProtocol.name(253), "cached, no allocation per call");
    }

    @Test
    void ipProtocolRejectsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse("tpc"));
        assertTrue(e.getMessage().contains("'tpc'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse("256"));
        assertTrue(e.getMessage().contains("0..255"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse("-1"));
        assertTrue(e.getMessage().contains("0..255"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse("99999999999999"));
        assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse(""));
        assertThrows(IllegalArgumentException.class, () -> IpProtocol.parse(null));
    }

    @Test
    void icmpTypes() {
        String[] names = {"echo-reply", null, null, "dest-unreach", "source-quench", "redirect", null, null,
            "echo-request", "router-advert", "router-solicit", "time-exceeded", "param-problem", "timestamp",
            "timestamp-reply", "info-request", "info-reply", "address-mask-request", "address-mask-reply"};
        for (int type = 0; type < names.length; type++) {
            if (names[type] != null) {
                assertEquals(type, IcmpTypes.parse(names[type]));
                assertEquals(names[type], IcmpTypes.name(type));
            }
        }
        assertEquals(8, IcmpTypes.parse("ECHO-REQUEST"));
        assertEquals(42, IcmpTypes.parse("42"));
        assertEquals("42", IcmpTypes.name(42));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IcmpTypes.parse("pong"));
        assertTrue(e.getMessage().contains("'pong'") && e.getMessage().contains("echo-request"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IcmpTypes.parse("256"));
        assertEquals(3, IcmpTypes.parseCode(3, "port-unreachable"));
        assertEquals(4, IcmpTypes.parseCode(3, "frag-needed"));
        assertEquals(7, IcmpTypes.parseCode(8, "7"));
        assertThrows(IllegalArgumentException.class, () -> IcmpTypes.parseCode(8, "port-unreachable"));
        assertEquals("port-unreachable", IcmpTypes.codeName(3, 3));
        assertNull(IcmpTypes.codeName(8, 0));
    }

    @Test
    void tcpFlagsParse() {
        assertEquals(TcpFlags.SYN, TcpFlags.parse("S"));
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.parse("SA"));
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.parse("as"));
        assertEquals(0xff, TcpFlags.parse("fsrpauec"));
        assertEquals(0xff, TcpFlags.parse("FSRPAUEC"));
        assertEquals(0, TcpFlags.parse(""));
        assertEquals(0, TcpFlags.parse("none"));
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, TcpFlags.parse("S."), "tcpdump's output parses back");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("SX"));
        assertTrue(e.getMessage().contains("'X'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse(null));
    }

    /** tcpdump's spellings as seen in the captures' lines. */
    @Test
    void tcpFlagsFormatLikeTcpdump() {
        assertEquals("S", TcpFlags.format(TcpFlags.SYN));
        assertEquals("S.", TcpFlags.format(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals(".", TcpFlags.format(TcpFlags.ACK));
        assertEquals("P.", TcpFlags.format(TcpFlags.PSH | TcpFlags.ACK));
        assertEquals("R", TcpFlags.format(TcpFlags.RST));
        assertEquals("R.", TcpFlags.format(TcpFlags.RST | TcpFlags.ACK));
        assertEquals("F.", TcpFlags.format(TcpFlags.FIN | TcpFlags.ACK));
        assertEquals("SEW", TcpFlags.format(TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR));
        assertEquals("none", TcpFlags.format(0));
        for (int flags = 0; flags <= TcpFlags.ALL; flags++) {
            if ((flags & TcpFlags.AE) == 0) {
                assertEquals(flags, TcpFlags.parse(TcpFlags.format(flags)));
            }
        }
    }
}
