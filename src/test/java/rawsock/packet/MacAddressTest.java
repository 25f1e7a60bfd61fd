package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** MacAddress parse/format, and the EtherType and ARP operation tables. */
class MacAddressTest {

    @Test
    void parsesTheUsualSpellings() {
        String[][] table = {
            {"aa:bb:cc:dd:ee:ff", "aabbccddeeff"},
            {"AA:BB:CC:DD:EE:FF", "aabbccddeeff"},
            {"aa-bb-cc-dd-ee-ff", "aabbccddeeff"},
            {"Aa-bB-cc-DD-ee-fF", "aabbccddeeff"},
            {"aabb.ccdd.eeff", "aabbccddeeff"},
            {"AABB.CCDD.EEFF", "aabbccddeeff"},
            {"  02:42:ac:11:00:02\t", "0242ac110002"},
            {"0:1e:c2:9:a:ff", "001ec2090aff"},
            {"ff:ff:ff:ff:ff:ff", "ffffffffffff"},
            {"00:00:00:00:00:00", "000000000000"},
            {"0000.5e00.0101", "00005e000101"},
        };
        for (String[] row : table) {
            assertEquals(row[1], TestBytes.hex(MacAddress.parse(row[0])), row[0]);
        }
    }

    @Test
    void rejectsWithAMessageNamingTheText() {
        String[] bad = {"aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "aa:bb:cc:dd:ee:fg", "aa:bb-cc:dd:ee:ff",
            "aabbccddeeff", "aa:bb:cc:dd:ee:", ":aa:bb:cc:dd:ee", "aaa:bb:cc:dd:ee:ff", "aa::cc:dd:ee:ff",
            "aabb.ccdd.eef", "aabb.ccdd.eeffa", "aabb.ccddeeff.", "aab.bccdd.eeff", "aabb.ccdd.eefg", "a.b.c",
            "10.0.0.1", "aa:bb:cc:dd:ee:ff ff", "aa bb cc dd ee ff", "-aa-bb-cc-dd-ee"};
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text),
                    text);
            assertTrue(e.getMessage().contains("'" + text.trim() + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("aa:bb:cc:dd:ee:ff"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(""));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(null));
    }

    @Test
    void formatsLowercaseWithColons() {
        byte[] mac = TestBytes.hex("00 1E C2 09 0A FF");
        assertEquals("00:1e:c2:09:0a:ff", MacAddress.format(mac));
        ByteBuffer buf = ByteBuffer.wrap(LinkCaptures.ARP_REPLY);
        buf.position(3);
        assertEquals("40:16:7e:79:c7:36", MacAddress.format(buf, 6));
        assertEquals(3, buf.position(), "absolute reads move nothing");
        StringBuilder text = new StringBuilder("mac ");
        MacAddress.append(text, mac).append(' ');
        MacAddress.append(text, buf, 0);
        assertEquals("mac 00:1e:c2:09:0a:ff bc:ee:7b:9d:ee:02", text.toString());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.format(new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.format((byte[]) null));
        for (String s : new String[] {"aa:bb:cc:dd:ee:ff", "00:00:5e:00:01:01", "01:80:c2:00:00:0e"}) {
            assertEquals(s, MacAddress.format(MacAddress.parse(s)));
        }
    }

    @Test
    void broadcastAndMulticast() {
        assertTrue(MacAddress.isBroadcast(MacAddress.broadcast()));
        assertFalse(MacAddress.isBroadcast(MacAddress.zero()));
        assertTrue(MacAddress.isMulticast(MacAddress.parse("01:80:c2:00:00:0e")));
        assertTrue(MacAddress.isMulticast(MacAddress.broadcast()));
        assertFalse(MacAddress.isMulticast(MacAddress.parse("02:42:ac:11:00:02")));
    }

    @Test
    void etherTypes() {
        assertEquals(0x0800, EtherType.parse("ipv4"));
        assertEquals(0x0800, EtherType.parse("IP"));
        assertEquals(0x86dd, EtherType.parse("ipv6"));
        assertEquals(0x0806, EtherType.parse("arp"));
        assertEquals(0x8100, EtherType.parse("vlan"));
        assertEquals(0x88a8, EtherType.parse("802.1ad"));
        assertEquals(0x88cc, EtherType.parse("LLDP"));
        assertEquals(0x88b5, EtherType.parse("0x88b5"));
        assertEquals(0x88b5, EtherType.parse("0X88B5"));
        assertEquals(2048, EtherType.parse("2048"));
        assertEquals("ipv4", EtherType.name(0x0800));
        assertEquals("vlan", EtherType.name(0x8100));
        assertEquals("qinq", EtherType.name(0x88a8));
        assertEquals("0x88b5", EtherType.name(0x88b5));
        assertEquals("IPv4", EtherType.display(0x0800));
        assertEquals("802.1Q-QinQ", EtherType.display(0x88a8));
        assertEquals("Unknown", EtherType.display(0x88b5));
        assertEquals("0x0806", EtherType.hex(0x0806));
        assertSame(EtherType.hex(0x1234), EtherType.hex(0x1234), "cached");
        assertSame(EtherType.hex(0x88cc), EtherType.hex(0x88cc));
        assertTrue(EtherType.isVlanTpid(0x8100) && EtherType.isVlanTpid(0x88a8) && EtherType.isVlanTpid(0x9100));
        assertFalse(EtherType.isVlanTpid(0x0800));
        for (String bad : new String[] {"0x10000", "65536", "ethernet", "-1", "0x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EtherType.parse(bad), bad);
            assertTrue(bad.isEmpty() || e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> EtherType.parse(null));
        // Numbers are read by text/Numbers: ASCII digits only, so fullwidth or Arabic-Indic digits
        // (which Long.parseLong accepts) are refused; beyond 16 bits is a range error, not "unknown".
        assertThrows(IllegalArgumentException.class, () -> EtherType.parse("\uff10x0800"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EtherType.parse("0x123456789"))
                .getMessage().contains("out of range"));
    }


    @Test
    void arpOperations() {
        assertEquals(1, Arp.parseOperation("request"));
        assertEquals(2, Arp.parseOperation("REPLY"));
        assertEquals(3, Arp.parseOperation("rarp-request"));
        assertEquals(9, Arp.parseOperation("inarp-reply"));
        assertEquals(10, Arp.parseOperation("nak"));
        assertEquals(77, Arp.parseOperation("77"));
        assertEquals("request", Arp.operationName(1));
        assertEquals("reply", Arp.operationName(2));
        assertEquals("77", Arp.operationName(77));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arp.parseOperation("who-has"));
        assertTrue(e.getMessage().contains("'who-has'") && e.getMessage().contains("request"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Arp.parseOperation(null));
        // Numbers are read by text/Numbers: ASCII digits only (Long.parseLong would take the
        // Arabic-Indic two), no sign, no hex, at most 16 bits.
        for (String bad : new String[] {"65536", "-1", "0x2", "\u0662", ""}) {
            e = assertThrows(IllegalArgumentException.class, () -> Arp.parseOperation(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
