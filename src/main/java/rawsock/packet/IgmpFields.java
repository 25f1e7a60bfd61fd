package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * An IGMP message a user can set, immutable, with its defaults in {@link #DEFAULT} (a v2 general
 * query): the 8 bytes every version shares (type, max response, checksum, group; RFC 1112, 2236)
 * and a body after them, which IGMPv3 (RFC 3376) uses: a v3 query's flags, QQIC and sources, a v3
 * report's group records (in a v3 report the "group" bytes are the reserved field and the
 * number of records). The checksum is {@link #COMPUTED} unless given.
 *
 * @param maxResp the max response field, 0..255 (tenths of a second in v2; a code in v3)
 * @param group 4 bytes (copied)
 * @param body bytes after the first 8 (copied); null = none
 */
public record IgmpFields(int type, int maxResp, byte[] group, int checksum, byte[] body) {
    /** A checksum left to {@link #emit}. */
    public static final int COMPUTED = -1;
    /** A general query with a max response of 10 s: what IGMPv2 routers send. */
    public static final IgmpFields DEFAULT = new IgmpFields(Igmp.MEMBERSHIP_QUERY, 100, new byte[4], COMPUTED, null);

    /** @throws IllegalArgumentException for a value its field cannot hold */
    public IgmpFields {
        Bytes.checkRange("IGMP type", type, 0, 255);
        Bytes.checkRange("IGMP max response", maxResp, 0, 255);
        group = Bytes.address("IGMP group", group, 4);
        Bytes.checkComputedOr("IGMP checksum", checksum, 0xffff);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] group() {
        return group.clone();
    }

    /** A copy: the record never shares its bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The message {@code view} shows (its checksum too, every byte after 8 as the body); null under 8 bytes. */
    public static IgmpFields parse(Igmp view) {
        if (!view.has(0, Igmp.HEADER_LENGTH)) {
            return null;
        }
        return new IgmpFields(view.type(), view.maxRespCode(), view.bytes(Igmp.GROUP_OFFSET, 4), view.checksum(),
                view.bytes(Igmp.HEADER_LENGTH, view.available() - Igmp.HEADER_LENGTH));
    }

    /** Bytes {@link #emit} writes: 8 plus the body. */
    public int length() {
        return Igmp.HEADER_LENGTH + body.length;
    }

    /** Writes the message at {@code out.position()} and advances it; returns bytes written. */
    public int emit(ByteBuffer out) {
        int length = length();
        int at = Bytes.claim(out, length);
        Bytes.put8(out, at, type);
        Bytes.put8(out, at + Igmp.MAX_RESP_OFFSET, maxResp);
        Bytes.put16(out, at + Igmp.CHECKSUM_OFFSET, 0);
        out.put(at + Igmp.GROUP_OFFSET, group, 0, 4);
        out.put(at + Igmp.HEADER_LENGTH, body, 0, body.length);
        Bytes.put16(out, at + Igmp.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }
}
