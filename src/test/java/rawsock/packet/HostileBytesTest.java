package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rawsock.fuzz.Exercise;
import rawsock.fuzz.Mutations;

/**
 * The hostile IPv4 cases the fuzz tests (rawsock.fuzz.DecoderFuzzTest) do not make: every prefix
 * and bit flips of the real captures, a TCP option kind in the last byte, views wrapped at silly
 * offsets. Random bytes shaped like IPv4 and damaged packets built by the builders, ICMP errors
 * quoting them included, are the fuzz tests' job. Each packet, and each view wrapped by hand, is
 * held to the fuzz tests' exerciser ({@link Exercise}).
 */
class HostileBytesTest {
    private final Exercise exercise = new Exercise();

    /** An option kind in the last header byte, its length byte beyond the captured bytes. */
    @Test
    void optionKindAtTheVeryEnd() {
        byte[] src = TestBytes.ip(1, 2, 3, 4);
        for (String options : new String[] {"0101 0102", "0101 0103", "0101 0108"}) {
            TcpBuilder tcp = new TcpBuilder().options(TestBytes.hex(options));
            ByteBuffer out = ByteBuffer.allocate(44);
            new Ipv4Builder().protocol(6).src(src).dst(src).build().emit(out, 24);
            tcp.build().emit(out, null, src, src);
            assertDoesNotThrow(() -> exercise.check(out.array(), LinkType.RAW));
            Tcp view = new Tcp().wrap(ByteBuffer.wrap(out.array()), 20, 24);
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.mss());
            org.junit.jupiter.api.Assertions.assertEquals(-1, view.windowScale());
        }
    }

    @Test
    void everyPrefixOfEveryCapture() {
        assertDoesNotThrow(() -> exercise.checkEveryPrefix(List.of(Captures.all()), LinkType.RAW, LinkType.ETHERNET));
    }

    @Test
    void bitFlippedCaptures() {
        Random random = new Random(20240601);
        assertDoesNotThrow(() -> {
            for (byte[] capture : Captures.all()) {
                // each copy is checked three ways (Exercise); the fuzz tests flip bits of built packets by the thousand
                for (int n = 0; n < 100; n++) {
                    byte[] bytes = capture.clone();
                    Mutations.flipBits(bytes, random);
                    // keep the version nibble 4 most of the time so the IPv4 path is what gets hit
                    if (random.nextInt(8) != 0) {
                        bytes[0] = (byte) (0x40 | (bytes[0] & 0x0f));
                    }
                    exercise.check(bytes, LinkType.RAW);
                    exercise.check(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)), LinkType.RAW);
                }
            }
        });
    }

    /** Views wrapped directly with offsets and lengths that make no sense. */
    @Test
    void viewsAtSillyOffsets() {
        ByteBuffer buf = ByteBuffer.wrap(Captures.TCP_SYN);
        int[] offsets = {-5, -1, 0, 1, 20, 59, 60, 61, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] lengths = {-1, 0, 1, 8, 20, 60, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertDoesNotThrow(() -> Exercise.checkViews(buf, offsets, lengths, (offset, length) -> new Layer[] {
            new Ipv4().wrap(buf, offset, length),
            new Ipv4().wrap(buf, offset, length).quoted(true),
            new Icmp().wrap(buf, offset, length, length),
            new Udp().wrap(buf, offset, length, 7).pseudoHeaderSum(12345),
            new Tcp().wrap(buf, offset, length).pseudoHeaderSum(0),
            new Tcp().wrap(buf, offset, length).quoted(true),
            new Igmp().wrap(buf, offset, length, 12),
            new RawPayload().wrap(buf, offset, length),
            new Ipv4().wrap(null, offset, length),
        }));
    }
}
