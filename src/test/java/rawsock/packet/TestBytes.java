package rawsock.packet;

import java.nio.ByteBuffer;

/** Test helpers: hex text to bytes and back, slices, and descriptions. */
final class TestBytes {
    private TestBytes() {
    }

    /** Bytes of hex text; whitespace is ignored so tcpdump -x lines paste as they are. */
    static byte[] hex(String text) {
        String digits = text.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String hex(ByteBuffer buf, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(String.format("%02x", buf.get(i) & 0xff));
        }
        return text.toString();
    }

    static String hex(byte[] bytes) {
        return hex(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    /** Everything emitted by a builder chain: the buffer flipped to [0, position). */
    static byte[] written(ByteBuffer out) {
        byte[] bytes = new byte[out.position()];
        out.get(0, bytes);
        return bytes;
    }

    static ByteBuffer slice(byte[] bytes, int from, int to) {
        return ByteBuffer.wrap(bytes, from, to - from);
    }

    static String describe(Layer layer) {
        StringBuilder text = new StringBuilder();
        layer.describe(text);
        return text.toString();
    }

    /** The whole decoded packet the way the text writer joins it. */
    static String describe(DecodedPacket packet) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < packet.size(); i++) {
            if (i > 0) {
                text.append(": ");
            }
            packet.layer(i).describe(text);
        }
        return text.toString();
    }
}
