package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * Neighbour Discovery options (RFC 4861 4.6, RFC 8106 RDNSS): type, length in 8-byte units,
 * data. Pure functions over absolute offsets, like {@link TcpOptions}; a walk stops at a zero
 * length or one that runs past the message, so it always terminates.
 */
final class NdOptions {
    static final int SOURCE_LINK_LAYER = 1;
    static final int TARGET_LINK_LAYER = 2;
    static final int PREFIX_INFO = 3;
    static final int REDIRECTED_HEADER = 4;
    static final int MTU = 5;
    static final int NONCE = 14;
    static final int RDNSS = 25;
    /** Text output lists at most this many options, then "...". */
    static final int MAX_FORMATTED = 32;

    private NdOptions() {
    }

    /** True when every option in [from, to) has a non-zero length that stays inside. */
    static boolean wellFormed(ByteBuffer buf, int from, int to) {
        int pos = from;
        while (pos < to) {
            int length = length(buf, pos, to);
            if (length <= 0) {
                return false;
            }
            pos += length;
        }
        return true;
    }

    /** Absolute index of the first well-formed option of {@code type} in [from, to), or -1. */
    static int find(ByteBuffer buf, int from, int to, int type) {
        int pos = from;
        while (pos < to) {
            int length = length(buf, pos, to);
            if (length <= 0) {
                return -1;
            }
            if (Bytes.u8(buf, pos) == type) {
                return pos;
            }
            pos += length;
        }
        return -1;
    }

    /** Option length in bytes, or -1 when the length byte is missing, zero or runs past {@code to}. */
    static int length(ByteBuffer buf, int pos, int to) {
        if (pos + 2 > to) {
            return -1;
        }
        int length = Bytes.u8(buf, pos + 1) * 8;
        return length == 0 || pos + length > to ? -1 : length;
    }

    /**
     * Appends the options as "slla 08:4e:bf:30:64:48,mtu 1500,prefix 2001:db8::/64 flags LA
     * valid 2592000s pref 604800s"; a bad length ends the list with "[bad opt]".
     */
    static void format(ByteBuffer buf, int from, int to, StringBuilder text) {
        int pos = from;
        int count = 0;
        while (pos < to) {
            if (count > 0) {
                text.append(',');
            }
            if (count == MAX_FORMATTED) {
                text.append("...");
                return;
            }
            int length = length(buf, pos, to);
            if (length <= 0) {
                text.append("[bad opt]");
                return;
            }
            formatOne(buf, pos, length, text);
            pos += length;
            count++;
        }
    }

    private static void formatOne(ByteBuffer buf, int pos, int length, StringBuilder text) {
        int type = Bytes.u8(buf, pos);
        switch (type) {
            case SOURCE_LINK_LAYER:
            case TARGET_LINK_LAYER:
                text.append(type == SOURCE_LINK_LAYER ? "slla " : "tlla ");
                MacAddress.append(text, buf, pos + 2, linkLayerLength(length));
                return;
            case PREFIX_INFO:
                if (length == 32) {
                    text.append("prefix ");
                    AddressFormat.appendIpv6(text, buf, pos + 16);
                    text.append('/').append(Bytes.u8(buf, pos + 2));
                    int flags = Bytes.u8(buf, pos + 3);
                    if ((flags & 0xe0) != 0) {
                        text.append(" flags ");
                        if ((flags & 0x80) != 0) {
                            text.append('L');
                        }
                        if ((flags & 0x40) != 0) {
                            text.append('A');
                        }
                        if ((flags & 0x20) != 0) {
                            text.append('R');
                        }
                    }
                    text.append(" valid ");
                    appendLifetime(text, Bytes.u32(buf, pos + 4));
                    text.append(" pref ");
                    appendLifetime(text, Bytes.u32(buf, pos + 8));
                    return;
                }
                break;
            case MTU:
                if (length == 8) {
                    text.append("mtu ").append(Bytes.u32(buf, pos + 4));
                    return;
                }
                break;
            case RDNSS:
                if (length >= 24 && (length - 8) % 16 == 0) {
                    text.append("rdnss");
                    for (int at = pos + 8; at < pos + length; at += 16) {
                        text.append(' ');
                        AddressFormat.appendIpv6(text, buf, at);
                    }
                    text.append(" lifetime ");
                    appendLifetime(text, Bytes.u32(buf, pos + 4));
                    return;
                }
                break;
            case NONCE:
                text.append("nonce 0x");
                Bytes.appendHex(text, buf, pos + 2, length - 2);
                return;
            case REDIRECTED_HEADER:
                text.append("redirected header ").append(length - 8).append(" bytes");
                return;
            default:
                break;
        }
        text.append("opt ").append(type).append(" len ").append(length);
    }

    /**
     * A source or target link-layer address option (RFC 4861 4.6.1) for {@code address}, padded
     * to 8-byte units (a 6-byte MAC makes the 8-byte option Ethernet uses); none for null.
     */
    static byte[] linkLayerOption(int optionType, byte[] address) {
        if (address == null) {
            return new byte[0];
        }
        if (address.length == 0 || address.length > 253) {
            throw new IllegalArgumentException("link-layer address of " + address.length + " bytes: use 1..253 (6 for Ethernet)");
        }
        byte[] option = new byte[(2 + address.length + 7) & ~7];
        option[0] = (byte) optionType;
        option[1] = (byte) (option.length / 8);
        System.arraycopy(address, 0, option, 2, address.length);
        return option;
    }

    /** Link-layer address bytes in an option of {@code length} bytes: 6 for Ethernet (length 8). */
    static int linkLayerLength(int length) {
        return length == 8 ? 6 : length - 2;
    }

    private static void appendLifetime(StringBuilder text, long seconds) {
        if (seconds == 0xffffffffL) {
            text.append("infinity");
        } else {
            text.append(seconds).append('s');
        }
    }
}
