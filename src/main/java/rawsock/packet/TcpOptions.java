package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * TCP options (RFC 9293 3.2, 7323, 2018, 7413) as tcpdump prints them:
 * "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". The walk, every length checked before it is
 * used, is {@link KindLengthOptions}'s: IPv4 options have the same format.
 */
public final class TcpOptions {
    public static final int EOL = KindLengthOptions.EOL;
    public static final int NOP = KindLengthOptions.NOP;
    public static final int MSS = 2;
    public static final int WSCALE = 3;
    public static final int SACK_PERMITTED = 4;
    public static final int SACK = 5;
    public static final int TIMESTAMP = 8;
    public static final int MD5 = 19;
    public static final int USER_TIMEOUT = 28;
    public static final int TCP_AO = 29;
    public static final int MPTCP = 30;
    public static final int FAST_OPEN = 34;

    private TcpOptions() {
    }

    /**
     * Appends the options in {@code buf[from, to)} (absolute indices) separated by commas.
     *
     * @return false when an option's length is impossible ("[bad opt]" marks where it stopped)
     */
    public static boolean format(ByteBuffer buf, int from, int to, StringBuilder text) {
        // tcpdump stops at eol too: what follows is padding
        return KindLengthOptions.format(buf, from, to, text, "eol", "nop", TcpOptions::appendOne);
    }

    /**
     * Absolute index of the first option of {@code kind} in {@code buf[from, to)}, or -1 (also
     * when the options are malformed before it or its length runs past {@code to}); the option's
     * length byte and data are then within range. Allocation-free, for reply matching.
     */
    public static int find(ByteBuffer buf, int from, int to, int kind) {
        return KindLengthOptions.find(buf, from, to, kind);
    }

    /** True when the options in {@code buf[from, to)} parse without an impossible length. */
    public static boolean wellFormed(ByteBuffer buf, int from, int to) {
        return KindLengthOptions.wellFormed(buf, from, to);
    }

    private static void appendOne(ByteBuffer buf, int at, int kind, int length, StringBuilder text) {
        int data = at + 2;
        int dataLength = length - 2;
        switch (kind) {
            case MSS:
                if (length == 4) {
                    text.append("mss ").append(Bytes.u16(buf, data));
                    return;
                }
                text.append("mss");
                break;
            case WSCALE:
                if (length == 3) {
                    text.append("wscale ").append(Bytes.u8(buf, data));
                    return;
                }
                text.append("wscale");
                break;
            case SACK_PERMITTED:
                text.append("sackOK");
                break;
            case SACK:
                if (dataLength % 8 == 0) {
                    text.append("sack ").append(dataLength / 8).append(' ');
                    for (int b = data; b < data + dataLength; b += 8) {
                        text.append('{').append(Bytes.u32(buf, b)).append(':').append(Bytes.u32(buf, b + 4)).append('}');
                    }
                    return;
                }
                text.append("sack");
                break;
            case TIMESTAMP:
                if (length == 10) {
                    text.append("TS val ").append(Bytes.u32(buf, data)).append(" ecr ").append(Bytes.u32(buf, data + 4));
                    return;
                }
                text.append("TS");
                break;
            case MD5:
                text.append("md5");
                break;
            case USER_TIMEOUT:
                text.append("uto");
                break;
            case TCP_AO:
                text.append("tcp-ao");
                break;
            case MPTCP:
                text.append("mptcp");
                break;
            case FAST_OPEN:
                if (length == 2) {
                    text.append("tfo cookiereq");
                    return;
                }
                text.append("tfo cookie");
                break;
            default:
                text.append("unknown-").append(kind);
                break;
        }
        if (expectedLength(kind) >= 0 && expectedLength(kind) != length) {
            text.append(" [len ").append(length).append(']');
        }
        if (dataLength > 0) {
            text.append(" 0x");
            Bytes.appendHex(text, buf, data, dataLength);
        }
    }

    private static int expectedLength(int kind) {
        switch (kind) {
            case MSS:
                return 4;
            case WSCALE:
                return 3;
            case SACK_PERMITTED:
                return 2;
            case TIMESTAMP:
                return 10;
            case MD5:
                return 18;
            case USER_TIMEOUT:
                return 4;
            default:
                return -1;
        }
    }
}
