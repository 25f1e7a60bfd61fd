package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds IGMP messages: v1/v2 (RFC 1112, 2236) query, reports and leave, and the v3 (RFC 3376)
 * query and report. Hosts send these with TTL 1 and, for v2/v3, the Router Alert IP option
 * ({@link #ROUTER_ALERT}).
 */
public final class IgmpBuilder {
    /** IPv4 Router Alert option (RFC 2113), as IGMPv2/v3 messages carry it. */
    public static final byte[] ROUTER_ALERT = {(byte) 0x94, 0x04, 0x00, 0x00};

    /** IGMPv3 group record types (RFC 3376 4.2.12). */
    public static final int MODE_IS_INCLUDE = 1;
    public static final int MODE_IS_EXCLUDE = 2;
    public static final int CHANGE_TO_INCLUDE = 3;
    public static final int CHANGE_TO_EXCLUDE = 4;
    public static final int ALLOW_NEW_SOURCES = 5;
    public static final int BLOCK_OLD_SOURCES = 6;

    private int type;
    private int maxResp;
    private final byte[] group = new byte[4];
    private int checksum = -1;
    private boolean version3Query;
    private boolean suppress;
    private int qrv = 2;
    private int qqic = 125;
    private final List<byte[]> sources = new ArrayList<>();
    private final List<Record> records = new ArrayList<>();

    private static final class Record {
        final int type;
        final byte[] group;
        final List<byte[]> sources;

        Record(int type, byte[] group, List<byte[]> sources) {
            this.type = type;
            this.group = group;
            this.sources = sources;
        }
    }

    private IgmpBuilder(int type) {
        this.type = type;
    }

    /**
     * Membership query, v1 when {@code maxRespTenths} is 0 (RFC 2236 4: the field tells v1 from
     * v2); {@code group} all zero for a general query.
     */
    public static IgmpBuilder query(byte[] group, int maxRespTenths) {
        return new IgmpBuilder(Igmp.MEMBERSHIP_QUERY).group(group).maxResp(maxRespTenths);
    }

    public static IgmpBuilder reportV1(byte[] group) {
        return new IgmpBuilder(Igmp.V1_REPORT).group(group);
    }

    public static IgmpBuilder reportV2(byte[] group) {
        return new IgmpBuilder(Igmp.V2_REPORT).group(group);
    }

    public static IgmpBuilder leave(byte[] group) {
        return new IgmpBuilder(Igmp.LEAVE).group(group);
    }

    /**
     * IGMPv3 query (RFC 3376 4.1): {@code maxRespCode} and {@code qqic} are the encoded 8-bit
     * fields (values from 128 use the floating-point form); add sources with {@link #source}.
     */
    public static IgmpBuilder queryV3(byte[] group, int maxRespCode) {
        IgmpBuilder b = new IgmpBuilder(Igmp.MEMBERSHIP_QUERY).group(group).maxResp(maxRespCode);
        b.version3Query = true;
        return b;
    }

    /** IGMPv3 membership report (RFC 3376 4.2); add group records with {@link #record}. */
    public static IgmpBuilder reportV3() {
        return new IgmpBuilder(Igmp.V3_REPORT);
    }

    /** Any type with the v1/v2 layout (8 bytes: type, max resp, checksum, group). */
    public static IgmpBuilder ofType(int type) {
        return new IgmpBuilder(Bytes.checkRange("IGMP type", type, 0, 255));
    }

    public IgmpBuilder maxResp(int value) {
        maxResp = Bytes.checkRange("IGMP max response", value, 0, 255);
        return this;
    }

    public IgmpBuilder group(byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException("IGMP group must be a 4-byte IPv4 address");
        }
        System.arraycopy(address, 0, group, 0, 4);
        return this;
    }

    /** v3 query: the S flag (suppress router-side processing). */
    public IgmpBuilder suppress(boolean value) {
        suppress = value;
        return this;
    }

    /** v3 query: querier's robustness variable, 0..7. */
    public IgmpBuilder qrv(int value) {
        qrv = Bytes.checkRange("IGMP QRV", value, 0, 7);
        return this;
    }

    /** v3 query: querier's query interval code. */
    public IgmpBuilder qqic(int value) {
        qqic = Bytes.checkRange("IGMP QQIC", value, 0, 255);
        return this;
    }

    /** v3 query: one more source address. */
    public IgmpBuilder source(byte[] address) {
        if (address == null || address.length != 4) {
            throw new IllegalArgumentException("IGMP source must be a 4-byte IPv4 address");
        }
        sources.add(address.clone());
        return this;
    }

    /** v3 report: one group record of {@code recordType} with its sources (no auxiliary data). */
    public IgmpBuilder record(int recordType, byte[] recordGroup, byte[]... recordSources) {
        Bytes.checkRange("IGMP record type", recordType, 0, 255);
        if (recordGroup == null || recordGroup.length != 4) {
            throw new IllegalArgumentException("IGMP record group must be a 4-byte IPv4 address");
        }
        List<byte[]> copies = new ArrayList<>();
        for (byte[] s : recordSources) {
            if (s == null || s.length != 4) {
                throw new IllegalArgumentException("IGMP record source must be a 4-byte IPv4 address");
            }
            copies.add(s.clone());
        }
        records.add(new Record(recordType, recordGroup.clone(), copies));
        return this;
    }

    /** Checksum to send instead of the computed one; null or -1 = computed. */
    public IgmpBuilder checksum(Integer value) {
        checksum = value == null || value == -1 ? -1 : Bytes.checkRange("IGMP checksum", value, 0, 0xffff);
        return this;
    }

    public int length() {
        if (type == Igmp.V3_REPORT) {
            int length = 8;
            for (Record r : records) {
                length += 8 + 4 * r.sources.size();
            }
            return length;
        }
        return version3Query ? 12 + 4 * sources.size() : 8;
    }

    /** Writes the message at {@code out.position()} and advances it; returns bytes written. */
    public int emit(ByteBuffer out) {
        int length = length();
        if (out.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = out.position();
        for (int i = 0; i < length; i++) {
            out.put(at + i, (byte) 0);
        }
        Bytes.put8(out, at, type);
        if (type == Igmp.V3_REPORT) {
            Bytes.put16(out, at + 6, records.size());
            int p = at + 8;
            for (Record r : records) {
                Bytes.put8(out, p, r.type);
                Bytes.put16(out, p + 2, r.sources.size());
                out.put(p + 4, r.group, 0, 4);
                p += 8;
                for (byte[] s : r.sources) {
                    out.put(p, s, 0, 4);
                    p += 4;
                }
            }
        } else {
            Bytes.put8(out, at + 1, maxResp);
            out.put(at + 4, group, 0, 4);
            if (version3Query) {
                Bytes.put8(out, at + 8, (suppress ? 0x08 : 0) | qrv);
                Bytes.put8(out, at + 9, qqic);
                Bytes.put16(out, at + 10, sources.size());
                for (int i = 0; i < sources.size(); i++) {
                    out.put(at + 12 + 4 * i, sources.get(i), 0, 4);
                }
            }
        }
        Bytes.put16(out, at + Igmp.CHECKSUM_OFFSET, checksum >= 0 ? checksum : Checksum.compute(out, at, length));
        out.position(at + length);
        return length;
    }
}
