package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Icmpv6Types: the table behind --icmp-type for ICMPv6 (numbers from RFC 4443, 4861, 2710, 3810). */
class Icmpv6TypesTest {

    @Test
    void namesAndNumbers() {
        String[][] table = {
            {"1", "dest-unreach"}, {"2", "packet-too-big"}, {"3", "time-exceeded"}, {"4", "param-problem"},
            {"128", "echo-request"}, {"129", "echo-reply"}, {"130", "mld-query"}, {"131", "mld-report"},
            {"132", "mld-done"}, {"133", "router-solicit"}, {"134", "router-advert"}, {"135", "neighbor-solicit"},
            {"136", "neighbor-advert"}, {"137", "redirect"}, {"143", "mldv2-report"},
        };
        for (String[] row : table) {
            int type = Integer.parseInt(row[0]);
            assertEquals(type, Icmpv6Types.parse(row[1]));
            assertEquals(row[1], Icmpv6Types.name(type));
            assertEquals(type, Icmpv6Types.parse(row[0]));
        }
        assertEquals(128, Icmpv6Types.parse(" ECHO-Request "));
        assertEquals(128, Icmpv6Types.parse("echo"));
        assertEquals(135, Icmpv6Types.parse("neighbour-solicitation"));
        assertEquals(0, Icmpv6Types.parse("0"));
        assertEquals(255, Icmpv6Types.parse("255"));
        assertEquals("200", Icmpv6Types.name(200));
        assertTrue(Icmpv6Types.name(200) == Icmpv6Types.name(200), "cached, no allocation per call");
    }

    @Test
    void rejectsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse("echo-requets"));
        assertTrue(e.getMessage().contains("'echo-requets'") && e.getMessage().contains("neighbor-solicit"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse("256"));
        assertTrue(e.getMessage().contains("0..255"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse("99999999999999"));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parse("echo-request-ipv4"));
    }

    @Test
    void codes() {
        assertEquals(4, Icmpv6Types.parseCode(Icmpv6Types.DEST_UNREACH, "port-unreachable"));
        assertEquals(0, Icmpv6Types.parseCode(Icmpv6Types.DEST_UNREACH, "no-route"));
        assertEquals(1, Icmpv6Types.parseCode(Icmpv6Types.TIME_EXCEEDED, "reassembly-timeout"));
        assertEquals(1, Icmpv6Types.parseCode(Icmpv6Types.PARAM_PROBLEM, "unrecognized-next-header"));
        assertEquals(9, Icmpv6Types.parseCode(Icmpv6Types.ECHO_REQUEST, "9"));
        assertEquals("port-unreachable", Icmpv6Types.codeName(1, 4));
        assertEquals("hop-limit-exceeded", Icmpv6Types.codeName(3, 0));
        assertNull(Icmpv6Types.codeName(1, 99));
        assertNull(Icmpv6Types.codeName(128, 0));
        assertEquals("unreachable port", Icmpv6Types.codeWords(1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Icmpv6Types.parseCode(Icmpv6Types.DEST_UNREACH, "port-unreach"));
        assertTrue(e.getMessage().contains("port-unreachable"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parseCode(128, "port-unreachable"));
        assertTrue(e.getMessage().contains("echo-request") && e.getMessage().contains("0..255"), e.getMessage());
    }

    @Test
    void errorsAreBelow128() {
        for (int type = 0; type < 256; type++) {
            assertEquals(type < 128, Icmpv6Types.isError(type));
        }
        assertTrue(Icmpv6Types.hasIdSeq(128));
        assertTrue(Icmpv6Types.hasIdSeq(129));
        assertFalse(Icmpv6Types.hasIdSeq(135));
    }
}
