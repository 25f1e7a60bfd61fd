package rawsock.packet;

import java.nio.ByteBuffer;

/**
 * A view of an ICMPv4 message (RFC 792) over captured bytes, reused from packet to packet, plus
 * the static in-place patch helpers for the send loop.
 *
 * <p>For the error types the bytes after the 8-byte header are the quoted packet
 * ({@link #quotedOffset()}, {@link #quotedLength()}); {@link PacketDecoder} decodes them as
 * further layers.
 */
public final class Icmp extends IcmpHeader implements Layer {
    /** Timestamp messages: originate, receive, transmit after the header. */
    public static final int ORIGINATE_OFFSET = 8;

    public Icmp() {
        super(IcmpTypes.TABLE);
    }

    /** Views a message of which {@code available} bytes are present and all of them are the message. */
    public Icmp wrap(ByteBuffer buf, int offset, int available) {
        return wrap(buf, offset, available, available);
    }

    /**
     * Views {@code available} bytes of a message the enclosing IP header says is {@code length}
     * bytes long (when the capture cut it, length exceeds available).
     */
    public Icmp wrap(ByteBuffer buf, int offset, int available, int length) {
        view(buf, offset, available, length);
        return this;
    }

    /**
     * Marks this message as the start of one that goes on in later IP fragments (MF set): its
     * checksum covers bytes not here, so it gets no verdict, as TCP and UDP get none then.
     */
    public Icmp partial(boolean value) {
        partial = value;
        return this;
    }

    /** Marks this message as quoted inside another ICMP error: only its first 8 bytes are expected. */
    public Icmp quoted(boolean value) {
        quoted = value;
        return this;
    }

    @Override
    public String name() {
        return "icmp";
    }

    /** Redirect: the gateway address (32-bit, first octet high). */
    public int gateway() {
        return (int) u32(ID_OFFSET);
    }

    /** Fragmentation needed: the next-hop MTU (RFC 1191). */
    public int mtu() {
        return u16(SEQ_OFFSET);
    }

    /** Parameter problem: index of the offending octet. */
    public int pointer() {
        return u8(ID_OFFSET);
    }

    public boolean isError() {
        return has(0, 1) && IcmpTypes.isError(type());
    }

    /** True when the whole message is present and its checksum verifies. */
    public boolean checksumOk() {
        return !quoted && !partial && declared >= HEADER_LENGTH && available >= declared && sumsToOnes(declared, 0);
    }

    /** A timestamp request or reply whose three timestamps are all present. */
    public boolean hasTimestamps() {
        return isTimestamp() && has(ORIGINATE_OFFSET, 12);
    }

    /** Timestamp messages: the originate timestamp (ms since midnight UT, RFC 792). */
    public long originate() {
        return u32(ORIGINATE_OFFSET);
    }

    /** Timestamp reply: when the replier received the request. */
    public long receive() {
        return u32(ORIGINATE_OFFSET + 4);
    }

    /** Timestamp reply: when the replier sent the reply. */
    public long transmit() {
        return u32(ORIGINATE_OFFSET + 8);
    }

    private boolean isTimestamp() {
        return type() == IcmpTypes.TIMESTAMP || type() == IcmpTypes.TIMESTAMP_REPLY;
    }

    private boolean isMaskReply() {
        return type() == IcmpTypes.ADDRESS_MASK_REPLY || type() == IcmpTypes.ADDRESS_MASK_REQUEST;
    }

    private boolean isFragNeeded() {
        return type() == IcmpTypes.DEST_UNREACH && code() == IcmpTypes.CODE_FRAG_NEEDED;
    }

    @Override
    public void fields(FieldSink out) {
        typeFields(out);
        if (has(CHECKSUM_OFFSET, 2)) {
            out.number("checksum", checksum());
            if (!quoted && !partial && !truncated()) {
                out.flag("checksum_ok", checksumOk());
            }
        }
        if (has(ID_OFFSET, 4)) {
            int type = type();
            if (IcmpTypes.hasIdSeq(type)) {
                out.number("id", id());
                out.number("seq", seq());
            } else if (type == IcmpTypes.REDIRECT) {
                out.text("gateway", AddressFormat.ipv4(gateway()));
            } else if (isFragNeeded()) {
                out.number("mtu", mtu());
            } else if (type == IcmpTypes.PARAM_PROBLEM) {
                out.number("pointer", pointer());
            }
        }
        if (hasTimestamps()) {
            out.number("originate", originate());
            out.number("receive", receive());
            out.number("transmit", transmit());
        }
        if (isMaskReply() && has(HEADER_LENGTH, 4)) {
            out.text("mask", AddressFormat.ipv4((int) u32(HEADER_LENGTH)));
        }
        problemFields(out, null, truncated());
    }

    @Override
    public void describe(StringBuilder text) {
        if (available < HEADER_LENGTH) {
            text.append("[truncated icmp]");
            return;
        }
        int type = type();
        int code = code();
        String words = IcmpTypes.words(type, code);
        text.append("ICMP ");
        if (isFragNeeded()) {
            text.append("frag needed, mtu ").append(mtu());
        } else if (type == IcmpTypes.REDIRECT) {
            text.append("redirect ");
            String codeName = IcmpTypes.codeName(type, code);
            text.append(codeName != null ? codeName : "code " + code).append(" to ");
            AddressFormat.appendIpv4(text, gateway());
        } else if (type == IcmpTypes.PARAM_PROBLEM) {
            text.append("parameter problem, ");
            if (code == 0) {
                text.append("pointer ").append(pointer());
            } else {
                String codeName = IcmpTypes.codeName(type, code);
                text.append(codeName != null ? codeName : "code " + code);
            }
        } else if (isTimestamp()) {
            appendTimestamps(text, type, code);
        } else if (words != null) {
            text.append(words);
            if (type == IcmpTypes.DEST_UNREACH || type == IcmpTypes.TIME_EXCEEDED) {
                if (IcmpTypes.codeName(type, code) == null) {
                    text.append(", code ").append(code);
                }
            } else if (code != 0) {
                text.append(", code ").append(code);
            }
            if (IcmpTypes.hasIdSeq(type)) {
                text.append(", id ").append(id()).append(", seq ").append(seq());
            }
            if (type == IcmpTypes.ADDRESS_MASK_REPLY && has(HEADER_LENGTH, 4)) {
                text.append(", mask ");
                AddressFormat.appendIpv4(text, (int) u32(HEADER_LENGTH));
            }
        } else {
            text.append("type ").append(type).append(", code ").append(code);
        }
        appendLength(text);
    }

    /**
     * tcpdump's words: "time stamp query id 7 seq 1", and for a reply ": org 20:32:55.906, recv
     * 20:32:55.923, xmit 20:32:55.923", the three timestamps (ms since midnight UT) as times of day.
     */
    private void appendTimestamps(StringBuilder text, int type, int code) {
        text.append(type == IcmpTypes.TIMESTAMP ? "time stamp query" : "time stamp reply");
        if (code != 0) {
            text.append(", code ").append(code);
        }
        text.append(" id ").append(id()).append(" seq ").append(seq());
        if (type == IcmpTypes.TIMESTAMP_REPLY && hasTimestamps()) {
            text.append(": org ");
            appendTimeOfDay(text, originate());
            text.append(", recv ");
            appendTimeOfDay(text, receive());
            text.append(", xmit ");
            appendTimeOfDay(text, transmit());
        }
    }

    /** Milliseconds since midnight as HH:MM:SS.mmm, computed as tcpdump does (hours go past 23 for odd values). */
    public static StringBuilder appendTimeOfDay(StringBuilder text, long millis) {
        long seconds = millis / 1000;
        long minutes = seconds / 60;
        long hours = minutes / 60;
        twoDigits(text, hours).append(':');
        twoDigits(text, minutes % 60).append(':');
        twoDigits(text, seconds % 60).append('.');
        long ms = millis % 1000;
        return text.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }

    // ---- in-place patch helpers for a message built once in a (direct) buffer; allocation-free ----
    // (writeSeq and patchSeq are IcmpHeader's, the same for ICMPv6)

    /** Timestamp request: writes the originate timestamp and adjusts the checksum incrementally. */
    public static void patchOriginateTimestamp(ByteBuffer buf, int icmpOffset, int millisSinceMidnight) {
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + ORIGINATE_OFFSET,
                (millisSinceMidnight >>> 16) & 0xffff);
        Checksum.patchWord(buf, icmpOffset + CHECKSUM_OFFSET, icmpOffset + ORIGINATE_OFFSET + 2,
                millisSinceMidnight & 0xffff);
    }

    /** Timestamp request: writes the originate timestamp, leaving the checksum as it is. */
    public static void writeOriginateTimestamp(ByteBuffer buf, int icmpOffset, int millisSinceMidnight) {
        Bytes.put32(buf, icmpOffset + ORIGINATE_OFFSET, Integer.toUnsignedLong(millisSinceMidnight));
    }

    /** Recomputes the checksum over the whole message ({@code icmpLength} bytes). */
    public static void updateChecksum(ByteBuffer buf, int icmpOffset, int icmpLength) {
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, icmpOffset + CHECKSUM_OFFSET, Checksum.compute(buf, icmpOffset, icmpLength));
    }
}
