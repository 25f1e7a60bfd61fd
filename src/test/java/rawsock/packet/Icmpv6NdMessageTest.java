package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rawsock.packet.Icmpv6Types.Field;

/**
 * Neighbour discovery messages laid out as the figures of RFC 4861 4.1-4.5 draw them, byte for
 * byte from bit 0 of byte 4: every field zero until set, and only the fields the type has.
 */
class Icmpv6NdMessageTest {
    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    private static final byte[] TARGET = TestBytes.hex("fd99 0000 0000 0000 0000 0000 0000 0002");

    @Test
    void routerAdvertisement() {
        Icmpv6NdMessage ra = new Icmpv6NdMessage(Icmpv6Types.ROUTER_ADVERT).hopLimit(64)
                .flags(Icmpv6Types.parseFlags(Icmpv6Types.ROUTER_ADVERT, "mo")).routerLifetime(1800)
                .reachableTime(30000).retransTimer(0xffffffffL).sourceLinkLayer(TestBytes.hex("0200 0000 9901"));
        // Cur Hop Limit | M O reserved | Router Lifetime; Reachable Time; Retrans Timer; SLL option.
        assertEquals(0x40c00708L, ra.restOfHeader());
        assertEquals("00007530" + "ffffffff" + "0101020000009901", hex(ra.body()));
        assertEquals("0000000000000000", hex(new Icmpv6NdMessage(Icmpv6Types.ROUTER_ADVERT).body()));
    }

    @Test
    void neighborMessagesAndRedirect() {
        Icmpv6NdMessage na = new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_ADVERT)
                .flags(Icmpv6Types.parseFlags(Icmpv6Types.NEIGHBOR_ADVERT, "RSO")).target(TARGET)
                .targetLinkLayer(TestBytes.hex("0211 2233 4455"));
        assertEquals(0xe0000000L, na.restOfHeader());
        assertEquals(hex(TARGET) + "0201021122334455", hex(na.body()));
        assertEquals(0x40000000L, new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_ADVERT)
                .flags(Icmpv6Types.parseFlags(Icmpv6Types.NEIGHBOR_ADVERT, "S")).restOfHeader());
        Icmpv6NdMessage ns = new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_SOLICIT);
        assertEquals(0, ns.restOfHeader());
        assertEquals("00".repeat(16), hex(ns.body()));
        Icmpv6NdMessage redirect = new Icmpv6NdMessage(Icmpv6Types.REDIRECT).target(TARGET).destination(TARGET);
        assertEquals(hex(TARGET) + hex(TARGET), hex(redirect.body()));
        assertEquals("", hex(new Icmpv6NdMessage(Icmpv6Types.ROUTER_SOLICIT).body()));
    }

    @Test
    void theTableSaysWhichTypeHasWhichField() {
        assertEquals(8, Icmpv6Types.optionsStart(Icmpv6Types.ROUTER_SOLICIT));
        assertEquals(16, Icmpv6Types.optionsStart(Icmpv6Types.ROUTER_ADVERT));
        assertEquals(24, Icmpv6Types.optionsStart(Icmpv6Types.NEIGHBOR_SOLICIT));
        assertEquals(40, Icmpv6Types.optionsStart(Icmpv6Types.REDIRECT));
        assertEquals(-1, Icmpv6Types.optionsStart(Icmpv6Types.ECHO_REQUEST));
        assertEquals("neighbor-solicit (135), neighbor-advert (136), redirect (137)", Icmpv6Types.typesWith(Field.TARGET));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_SOLICIT).flags(0x40));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6NdMessage(Icmpv6Types.NEIGHBOR_ADVERT)
                .sourceLinkLayer(new byte[6]));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6NdMessage(Icmpv6Types.ECHO_REQUEST));
        assertThrows(IllegalArgumentException.class, () -> Icmpv6Types.parseFlags(Icmpv6Types.ROUTER_ADVERT, "R"));
    }
}
