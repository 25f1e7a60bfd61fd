package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class AddressFormatTest {

    @Test
    void ipv4() {
        assertEquals("127.0.0.1", AddressFormat.ipv4(TestBytes.ip(127, 0, 0, 1)));
        assertEquals("255.255.255.255", AddressFormat.ipv4(0xffffffff));
        assertEquals("0.0.0.0", AddressFormat.ipv4(0));
        assertEquals("10.9.0.89", AddressFormat.ipv4(ByteBuffer.wrap(Captures.TCP_SYN), 12));
    }

    private static String v6(String hex) {
        return AddressFormat.ipv6(TestBytes.hex(hex));
    }

    /** Examples from RFC 5952 sections 4 and 5. */
    @Test
    void ipv6Rfc5952() {
        assertEquals("2001:db8::1", v6("2001 0db8 0000 0000 0000 0000 0000 0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001 0db8 0000 0001 0001 0001 0001 0001")); // 4.2.2
        assertEquals("2001:db8::1:0:0:1", v6("2001 0db8 0000 0000 0001 0000 0000 0001")); // 4.2.3 first wins
        assertEquals("2001:0:0:1::1", v6("2001 0000 0000 0001 0000 0000 0000 0001")); // 4.2.3 longest wins
        assertEquals("2001:db8::aaaa:0:0:1", v6("2001 0db8 0000 0000 aaaa 0000 0000 0001"));
        assertEquals("2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa", v6("2001 0db8 aaaa bbbb cccc dddd eeee aaaa")); // 4.3
        assertEquals("::", v6("0000 0000 0000 0000 0000 0000 0000 0000"));
        assertEquals("::1", v6("0000 0000 0000 0000 0000 0000 0000 0001"));
        assertEquals("1::", v6("0001 0000 0000 0000 0000 0000 0000 0000"));
        assertEquals("fe80::1270:fdff:fe48:1077", v6("fe80 0000 0000 0000 1270 fdff fe48 1077"));
        assertEquals("::ffff:192.0.2.1", v6("0000 0000 0000 0000 0000 ffff c000 0201")); // 5
        assertEquals("1:0:2:0:3:0:4:0", v6("0001 0000 0002 0000 0003 0000 0004 0000"));
    }
}
