package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link IgmpFields} for IGMP messages: v1/v2 (RFC 1112, 2236) query, reports and leave, and the v3 (RFC 3376)
 * query and report. Hosts send these with TTL 1 and, for v2/v3, the Router Alert IP option
 * ({@link #ROUTER_ALERT}).
 *
 * <p>A test fixture: main code builds the record itself.
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
    /** 0 until set: what reports and leaves carry. */
    private int maxResp;
    private final byte[] group = new byte[4];
    private int checksum = IgmpFields.COMPUTED;
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
        maxResp = value;
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
        checksum = value == null ? IgmpFields.COMPUTED : value;
        return this;
    }

    /**
     * The message: the values checked here, a v3 query's or report's additions laid out as the body.
     *
     * @throws IllegalArgumentException for a value out of its field's range
     */
    public IgmpFields build() {
        if (type == Igmp.V3_REPORT) {
            int length = 0;
            for (Record r : records) {
                length += 8 + 4 * r.sources.size();
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            for (Record r : records) {
                body.put((byte) r.type).put((byte) 0).putShort((short) r.sources.size()).put(r.group);
                r.sources.forEach(body::put);
            }
            byte[] reservedAndCount = {0, 0, (byte) (records.size() >>> 8), (byte) records.size()};
            return new IgmpFields(type, 0, reservedAndCount, checksum, body.array());
        }
        if (!version3Query) {
            return new IgmpFields(type, maxResp, group, checksum, null);
        }
        ByteBuffer body = ByteBuffer.allocate(4 + 4 * sources.size());
        body.put((byte) ((suppress ? 0x08 : 0) | qrv)).put((byte) qqic).putShort((short) sources.size());
        sources.forEach(body::put);
        return new IgmpFields(type, maxResp, group, checksum, body.array());
    }
}
