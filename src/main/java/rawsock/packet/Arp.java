package rawsock.packet;

import java.nio.ByteBuffer;
import java.util.Locale;
import rawsock.text.Numbers;

/**
 * A view of an ARP message (RFC 826) over captured bytes, reused from frame to frame, plus the
 * operation numbers and names.
 *
 * <p>The address fields are placed by the lengths the message declares (hlen, plen), so any
 * hardware/protocol pair is read correctly; they are shown as a MAC only when hlen is 6, and as
 * a dotted quad only when plen is 4 and the protocol type is IPv4 (0x0800); otherwise as hex.
 * Ethernet padding after the message is not part of it. Nothing here throws on hostile bytes.
 */
public final class Arp extends View implements Layer {
    /** htype, ptype, hlen, plen, operation: the part before the addresses. */
    public static final int FIXED_HEADER = 8;
    /** The message for Ethernet and IPv4: 8 + 2 * (6 + 4). */
    public static final int ETHERNET_IPV4_LENGTH = 28;
    public static final int HTYPE_OFFSET = 0;
    public static final int PTYPE_OFFSET = 2;
    public static final int HLEN_OFFSET = 4;
    public static final int PLEN_OFFSET = 5;
    public static final int OPERATION_OFFSET = 6;
    public static final int SENDER_HW_OFFSET = 8;

    /** Hardware type of Ethernet (and of every IEEE 802 network Linux reports as ARPHRD_ETHER). */
    public static final int HTYPE_ETHERNET = 1;

    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    /** RARP (RFC 903). */
    public static final int RARP_REQUEST = 3;
    public static final int RARP_REPLY = 4;
    /** Inverse ARP (RFC 2390). */
    public static final int INARP_REQUEST = 8;
    public static final int INARP_REPLY = 9;
    /** ATMARP negative acknowledgement (RFC 2225). */
    public static final int NAK = 10;

    private static final int[] OPERATIONS = {REQUEST, REPLY, RARP_REQUEST, RARP_REPLY, INARP_REQUEST, INARP_REPLY, NAK};
    private static final String[] OPERATION_NAMES = {"request", "reply", "rarp-request", "rarp-reply", "inarp-request",
        "inarp-reply", "nak"};
    /** tcpdump's words. */
    private static final String[] OPERATION_WORDS = {"Request", "Reply", "Reverse Request", "Reverse Reply",
        "Inverse Request", "Inverse Reply", "NACK Reply"};

    public Arp wrap(ByteBuffer buf, int offset, int available) {
        reset(buf, offset, available, available);
        return this;
    }

    @Override
    public String name() {
        return "arp";
    }

    public int htype() {
        return u16(HTYPE_OFFSET);
    }

    public int ptype() {
        return u16(PTYPE_OFFSET);
    }

    public int hlen() {
        return u8(HLEN_OFFSET);
    }

    public int plen() {
        return u8(PLEN_OFFSET);
    }

    public int operation() {
        return u16(OPERATION_OFFSET);
    }

    /** Length of the message its hlen and plen declare: 8 + 2 * (hlen + plen). */
    public int length() {
        return FIXED_HEADER + 2 * (hlen() + plen());
    }

    /** True when the fixed part and all four addresses are present. */
    public boolean complete() {
        return has(0, FIXED_HEADER) && has(0, length());
    }

    /** The common case: 6-byte hardware and 4-byte IPv4 addresses. */
    public boolean isEthernetIpv4() {
        return hlen() == MacAddress.LENGTH && plen() == 4 && ptype() == EtherType.IPV4;
    }

    private boolean ipv4Addresses() {
        return plen() == 4 && ptype() == EtherType.IPV4;
    }

    /** Offset of the sender hardware address relative to the message start. */
    public int senderHwOffset() {
        return SENDER_HW_OFFSET;
    }

    public int senderProtoOffset() {
        return SENDER_HW_OFFSET + hlen();
    }

    public int targetHwOffset() {
        return SENDER_HW_OFFSET + hlen() + plen();
    }

    public int targetProtoOffset() {
        return SENDER_HW_OFFSET + 2 * hlen() + plen();
    }

    /** Sender IPv4 address as text, or null unless plen is 4, ptype IPv4 and the bytes are present. */
    public String senderIpText() {
        return ipv4Text(senderProtoOffset());
    }

    public String targetIpText() {
        return ipv4Text(targetProtoOffset());
    }

    /** Sender MAC as text, or null unless hlen is 6 and the bytes are present. */
    public String senderMacText() {
        return macText(senderHwOffset());
    }

    public String targetMacText() {
        return macText(targetHwOffset());
    }

    private String ipv4Text(int rel) {
        return has(0, FIXED_HEADER) && ipv4Addresses() && has(rel, 4) ? AddressFormat.ipv4(buf, offset + rel) : null;
    }

    private String macText(int rel) {
        return has(0, FIXED_HEADER) && hlen() == MacAddress.LENGTH && has(rel, MacAddress.LENGTH)
                ? MacAddress.format(buf, offset + rel) : null;
    }

    @Override
    public boolean truncated() {
        return !complete();
    }

    @Override
    public void fields(FieldSink out) {
        if (has(HTYPE_OFFSET, 2)) {
            out.number("htype", htype());
        }
        if (has(PTYPE_OFFSET, 2)) {
            out.number("ptype", ptype());
        }
        if (has(HLEN_OFFSET, 1)) {
            out.number("hlen", hlen());
        }
        if (has(PLEN_OFFSET, 1)) {
            out.number("plen", plen());
        }
        if (has(OPERATION_OFFSET, 2)) {
            out.number("op", operation());
            out.text("op_name", operationName(operation()));
        }
        if (has(0, FIXED_HEADER)) {
            hwField(out, "sender_hw", senderHwOffset());
            protoField(out, "sender_proto", senderProtoOffset());
            hwField(out, "target_hw", targetHwOffset());
            protoField(out, "target_proto", targetProtoOffset());
        }
        problemFields(out, null, truncated());
    }

    private void hwField(FieldSink out, String name, int rel) {
        int length = hlen();
        if (length > 0 && has(rel, length)) {
            StringBuilder text = new StringBuilder(3 * length);
            appendHw(text, rel);
            out.text(name, text.toString());
        }
    }

    private void protoField(FieldSink out, String name, int rel) {
        int length = plen();
        if (length > 0 && has(rel, length)) {
            StringBuilder text = new StringBuilder(2 * length);
            appendProto(text, rel);
            out.text(name, text.toString());
        }
    }

    private void appendHw(StringBuilder text, int rel) {
        if (hlen() == MacAddress.LENGTH) {
            MacAddress.append(text, buf, offset + rel);
        } else {
            Bytes.appendHex(text, buf, offset + rel, hlen());
        }
    }

    private void appendProto(StringBuilder text, int rel) {
        if (ipv4Addresses()) {
            AddressFormat.appendIpv4(text, buf, offset + rel);
        } else {
            Bytes.appendHex(text, buf, offset + rel, plen());
        }
    }

    private boolean targetHwNonZero() {
        for (int i = 0; i < hlen(); i++) {
            if (u8(targetHwOffset() + i) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Like tcpdump: "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28" (a non-zero target
     * MAC follows the target in parentheses), "ARP, Reply 10.0.0.2 is-at aa:bb:cc:dd:ee:ff,
     * length 28". The length is that of the bytes from the ARP header to the end of the frame,
     * padding included, as tcpdump counts it.
     */
    @Override
    public void describe(StringBuilder text) {
        if (!has(0, FIXED_HEADER)) {
            text.append("[truncated arp]");
            return;
        }
        int op = operation();
        text.append("ARP, ");
        int index = operationIndex(op);
        if (index < 0) {
            text.append("operation ").append(op);
        } else {
            text.append(OPERATION_WORDS[index]);
        }
        if (complete() && index >= 0) {
            text.append(' ');
            switch (op) {
                case REQUEST:
                    text.append("who-has ");
                    appendProto(text, targetProtoOffset());
                    if (targetHwNonZero()) {
                        text.append(" (");
                        appendHw(text, targetHwOffset());
                        text.append(')');
                    }
                    text.append(" tell ");
                    appendProto(text, senderProtoOffset());
                    break;
                case REPLY:
                    appendProto(text, senderProtoOffset());
                    text.append(" is-at ");
                    appendHw(text, senderHwOffset());
                    break;
                case RARP_REQUEST:
                    text.append("who-is ");
                    appendHw(text, targetHwOffset());
                    text.append(" tell ");
                    appendHw(text, senderHwOffset());
                    break;
                case RARP_REPLY:
                    appendHw(text, targetHwOffset());
                    text.append(" at ");
                    appendProto(text, targetProtoOffset());
                    break;
                case INARP_REQUEST:
                    text.append("who-is ");
                    appendHw(text, targetHwOffset());
                    text.append(" tell ");
                    appendProto(text, senderProtoOffset());
                    break;
                case INARP_REPLY:
                    appendHw(text, senderHwOffset());
                    text.append(" at ");
                    appendProto(text, senderProtoOffset());
                    break;
                default: // NAK: nothing to resolve
                    text.setLength(text.length() - 1);
                    break;
            }
        }
        if (htype() != HTYPE_ETHERNET) {
            text.append(", htype ").append(htype());
        }
        if (ptype() != EtherType.IPV4) {
            text.append(", ptype ").append(EtherType.hex(ptype()));
        }
        if (hlen() != MacAddress.LENGTH) {
            text.append(", hlen ").append(hlen());
        }
        if (plen() != 4) {
            text.append(", plen ").append(plen());
        }
        text.append(", length ").append(available);
    }

    private static int operationIndex(int op) {
        for (int i = 0; i < OPERATIONS.length; i++) {
            if (OPERATIONS[i] == op) {
                return i;
            }
        }
        return -1;
    }

    /** Every operation name {@link #parseOperation} takes, in the order of their numbers. */
    public static java.util.List<String> operationNames() {
        return java.util.List.of(OPERATION_NAMES);
    }

    /** "request", "reply", "rarp-request", ...; the number as text for operations without a name. */
    public static String operationName(int op) {
        int index = operationIndex(op);
        return index >= 0 ? OPERATION_NAMES[index] : Integer.toString(op);
    }

    /**
     * An operation name as {@link #operationName} gives it (case-insensitive) or a number 0..65535.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    public static int parseOperation(String nameOrNumber) {
        String text = nameOrNumber == null ? "" : nameOrNumber.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < OPERATION_NAMES.length; i++) {
            if (OPERATION_NAMES[i].equals(text)) {
                return OPERATIONS[i];
            }
        }
        long value = Numbers.parseOrMinusOne(text, Numbers.DIGITS);
        if (value >= 0 && value <= 0xffff) {
            return (int) value;
        }
        throw new IllegalArgumentException("unknown ARP operation '" + (nameOrNumber == null ? "" : nameOrNumber.trim())
                + "': use " + String.join(", ", OPERATION_NAMES) + " or 0..65535");
    }
}
