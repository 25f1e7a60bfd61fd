package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The walk over an Ethernet header and its VLAN tags that the decoder, the checksum repair and
 * the replay of captures share: every tag protocol identifier, every way a frame can end early.
 */
class EthernetFrameTest {
    private static final String MACS = "020000009902" + "020000009901";
    private final EthernetFrame frame = new EthernetFrame();

    private EthernetFrame walk(String hex) {
        return frame.walk(ByteBuffer.wrap(TestBytes.hex(hex)));
    }

    @Test
    void anUntaggedFrameCarriesIpAfterFourteenBytes() {
        EthernetFrame walked = walk(MACS + "0800" + "4500");
        assertEquals(EthernetFrame.End.NETWORK, walked.end());
        assertEquals(0, walked.tagCount());
        assertEquals(EtherType.IPV4, walked.type());
        assertEquals(14, walked.ipOffset());
    }

    @Test
    void everyTagProtocolIdentifierIsWalkedInAnyStack() {
        // 802.1ad outer + 802.1Q inner (QinQ), the pre-standard 0x9100, and three tags deep.
        String[][] stacks = {
            {"88a8" + "0064", "8100" + "00c8"},
            {"9100" + "0064", "8100" + "00c8"},
            {"8100" + "2001"},
            {"88a8" + "0001", "88a8" + "0002", "8100" + "0003"},
        };
        for (String[] tags : stacks) {
            StringBuilder hex = new StringBuilder(MACS);
            for (String tag : tags) {
                // each entry is the TPID followed by that tag's TCI; the last type field says IPv6
                hex.append(tag);
            }
            hex.append("86dd").append("6000");
            EthernetFrame walked = walk(hex.toString());
            assertEquals(EthernetFrame.End.NETWORK, walked.end(), hex.toString());
            assertEquals(tags.length, walked.tagCount(), hex.toString());
            assertEquals(EtherType.IPV6, walked.type());
            assertEquals(14 + 4 * tags.length, walked.ipOffset(), hex.toString());
            assertEquals(Integer.parseInt(tags[0].substring(0, 4), 16), walked.tag(0).tpid());
        }
    }

    @Test
    void aFrameThatIsNotIpHasNoIpOffset() {
        assertEquals(-1, walk(MACS + "88a8" + "0064" + "0806" + "0001").ipOffset());
        assertEquals(EtherType.ARP, frame.type());
        assertEquals(-1, walk(MACS + "0026" + "4242").ipOffset()); // an 802.3 length, LLC follows
    }

    @Test
    void aCutTagAndAMissingTypeFieldEndTheWalkEarly() {
        EthernetFrame cut = walk(MACS + "88a8" + "0064" + "81");
        assertEquals(EthernetFrame.End.TAG_CUT, cut.end());
        assertEquals(EtherType.QINQ, cut.type());
        assertEquals(14, cut.payloadOffset());
        assertEquals(-1, cut.ipOffset());
        EthernetFrame bare = walk(MACS + "88");
        assertEquals(EthernetFrame.End.NO_TYPE_FIELD, bare.end());
        assertEquals(-1, bare.ipOffset());
    }

    @Test
    void moreThanFourTagsStopAtTheFifth() {
        EthernetFrame deep = walk(MACS + "8100000181000002810000038100000481000005" + "0800" + "4500");
        assertEquals(EthernetFrame.End.TOO_MANY_TAGS, deep.end());
        assertEquals(EthernetFrame.MAX_VLAN_TAGS, deep.tagCount());
        assertEquals(14 + 4 * EthernetFrame.MAX_VLAN_TAGS, deep.payloadOffset(), "where the fifth tag's TCI starts");
        assertEquals(-1, deep.ipOffset());
    }

    @Test
    void walksFromTheBuffersPositionAndNeverThrows() {
        byte[] framed = TestBytes.hex("ffff" + MACS + "8100" + "0064" + "0800" + "4500");
        ByteBuffer buffer = ByteBuffer.wrap(framed);
        buffer.position(2);
        assertEquals(2 + 18, frame.walk(buffer).ipOffset());
        assertEquals(2, buffer.position());
        Random random = new Random(20261206);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 13 && random.nextBoolean()) {
                bytes[12] = (byte) 0x81;
                bytes[13] = 0;
            }
            int at = frame.walk(ByteBuffer.wrap(bytes)).ipOffset();
            assertEquals(true, at == -1 || (at >= 14 && at <= bytes.length));
        }
    }
}
