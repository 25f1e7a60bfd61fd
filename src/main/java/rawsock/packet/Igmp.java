package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an IGMP message over captured bytes, reused from packet to packet: v1/v2 (RFC 1112,
 * 2236) queries, reports and leaves, and the v3 (RFC 3376) query and report. A query of 12 bytes
 * or more is v3; an 8-byte query is v1 when its max response is 0, else v2 (RFC 3376 7.1).
 */
public final class Igmp extends View implements Layer {
    public static final int MEMBERSHIP_QUERY = 0x11;
    public static final int V1_REPORT = 0x12;
    public static final int V2_REPORT = 0x16;
    public static final int LEAVE = 0x17;
    public static final int V3_REPORT = 0x22;

    public static final int HEADER_LENGTH = 8;
    public static final int V3_QUERY_MIN = 12;
    public static final int MAX_RESP_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int GROUP_OFFSET = 4;
    /** v3 report: number of group records. */
    public static final int RECORDS_OFFSET = 6;

    public Igmp wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /** Views {@code available} bytes of a message the IP header says is {@code length} bytes. */
    public Igmp wrap(ByteBuffer buf, int offset, int available, int length) {
        reset(buf, offset, available, length);
        return this;
    }

    /** The names {@link #typeByName} accepts, for help and error messages. */
    public static final String TYPE_NAMES = "query, v1-report, v2-report, leave, v3-report";

    /**
     * The type a name stands for (case-insensitive): "query" (or "membership-query", as output
     * names it), "v1-report", "v2-report", "leave", "v3-report"; -1 when it names none.
     */
    public static int typeByName(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "query":
            case "membership-query":
                return MEMBERSHIP_QUERY;
            case "v1-report":
                return V1_REPORT;
            case "v2-report":
                return V2_REPORT;
            case "leave":
                return LEAVE;
            case "v3-report":
                return V3_REPORT;
            default:
                return -1;
        }
    }

    /** The type's name ("v2-report"), or its number as text. */
    public static String typeName(int type) {
        switch (type) {
            case MEMBERSHIP_QUERY:
                return "membership-query";
            case V1_REPORT:
                return "v1-report";
            case V2_REPORT:
                return "v2-report";
            case LEAVE:
                return "leave";
            case V3_REPORT:
                return "v3-report";
            default:
                return IpProtocol.number(type);
        }
    }

    @Override
    public String name() {
        return "igmp";
    }

    public int type() {
        return u8(0);
    }

    /** The raw max response code field. */
    public int maxRespCode() {
        return u8(MAX_RESP_OFFSET);
    }

    /**
     * Max response time in tenths of a second: the field as is, except in a v3 query where codes
     * from 128 are a floating-point value (RFC 3376 4.1.1).
     */
    public int maxRespTenths() {
        int code = maxRespCode();
        if (!isV3Query() || code < 128) {
            return code;
        }
        int exp = (code >>> 4) & 0x07;
        int mant = code & 0x0f;
        return (mant | 0x10) << (exp + 3);
    }

    public int checksum() {
        return u16(CHECKSUM_OFFSET);
    }

    public int group() {
        return (int) u32(GROUP_OFFSET);
    }

    public boolean isV3Query() {
        return type() == MEMBERSHIP_QUERY && declared >= V3_QUERY_MIN;
    }

    /** Query version by RFC 3376 7.1: 3 for 12+ bytes, else 1 when max response is 0, else 2. */
    public int queryVersion() {
        return isV3Query() ? 3 : maxRespCode() == 0 ? 1 : 2;
    }

    /** v3 query: number of sources. */
    public int sourceCount() {
        return u16(10);
    }

    /** v3 report: number of group records. */
    public int recordCount() {
        return u16(RECORDS_OFFSET);
    }

    public boolean checksumOk() {
        return declared >= HEADER_LENGTH && available >= declared && sumsToOnes(declared, 0);
    }

    @Override
    public boolean truncated() {
        if (available < HEADER_LENGTH || available < declared) {
            return true;
        }
        return isV3Query() && available < V3_QUERY_MIN;
    }

    @Override
    public void fields(FieldSink out) {
        if (has(0, 1)) {
            out.number("type", type());
            out.text("type_name", typeName(type()));
        }
        if (has(MAX_RESP_OFFSET, 1)) {
            out.number("max_resp", maxRespTenths());
        }
        if (has(CHECKSUM_OFFSET, 2)) {
            out.number("checksum", checksum());
            if (!truncated()) {
                out.flag("checksum_ok", checksumOk());
            }
        }
        if (type() == V3_REPORT) {
            if (has(RECORDS_OFFSET, 2)) {
                out.number("records", recordCount());
            }
        } else if (has(GROUP_OFFSET, 4)) {
            out.text("group", AddressFormat.ipv4(group()));
        }
        if (type() == MEMBERSHIP_QUERY && has(0, V3_QUERY_MIN) && isV3Query()) {
            out.number("version", 3);
            out.flag("suppress", (u8(8) & 0x08) != 0);
            out.number("qrv", u8(8) & 0x07);
            out.number("qqic", u8(9));
            out.number("sources", sourceCount());
        }
        problemFields(out, null, truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (available < HEADER_LENGTH) {
            text.append("[truncated igmp]");
            return;
        }
        int type = type();
        text.append("IGMP ");
        switch (type) {
            case MEMBERSHIP_QUERY:
                text.append("query v").append(queryVersion());
                if (queryVersion() != 1) {
                    int tenths = maxRespTenths();
                    text.append(", max resp ").append(tenths / 10).append('.').append(tenths % 10).append('s');
                }
                if (group() != 0) {
                    text.append(", group ");
                    AddressFormat.appendIpv4(text, group());
                }
                if (isV3Query() && has(10, 2)) {
                    text.append(", ").append(sourceCount()).append(" source(s)");
                }
                return;
            case V1_REPORT:
                text.append("v1 report ");
                AddressFormat.appendIpv4(text, group());
                return;
            case V2_REPORT:
                text.append("v2 report ");
                AddressFormat.appendIpv4(text, group());
                return;
            case LEAVE:
                text.append("leave ");
                AddressFormat.appendIpv4(text, group());
                return;
            case V3_REPORT:
                text.append("v3 report, ").append(recordCount()).append(" group record(s)");
                return;
            default:
                text.append("type ");
                Bytes.appendHex8(text, type);
        }
    }

    /** Recomputes the checksum over the whole message ({@code igmpLength} bytes; IGMP has no pseudo-header). */
    public static void updateChecksum(ByteBuffer buf, int igmpOffset, int igmpLength) {
        Bytes.put16(buf, igmpOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, igmpOffset + CHECKSUM_OFFSET, Checksum.compute(buf, igmpOffset, igmpLength));
    }
}
