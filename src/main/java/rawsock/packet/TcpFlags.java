package rawsock.packet;

/**
 * TCP control bits. Input is hping/nmap style letters FSRPAUEC ({@code --flags SA}); output is
 * tcpdump's ("S.", "P.", "SEW"), the form people compare captures against.
 */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    /** RFC 9768 AE (accurate ECN, formerly NS): the low bit of the data-offset byte. */
    public static final int AE = 0x100;
    /** Every bit a TCP header can carry. */
    public static final int ALL = 0x1ff;

    private static final String INPUT_LETTERS = "FSRPAUEC";
    /** tcpdump print-tcp.c order and letters: ACK is '.', CWR 'W', AE 'e'. */
    private static final char[] OUTPUT_LETTERS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W', 'e'};
    /** All 512 formatted values, built once: formatting in a capture loop allocates nothing. */
    private static final String[] FORMATTED = new String[ALL + 1];

    static {
        StringBuilder text = new StringBuilder(9);
        for (int flags = 0; flags <= ALL; flags++) {
            text.setLength(0);
            for (int bit = 0; bit < OUTPUT_LETTERS.length; bit++) {
                if ((flags & (1 << bit)) != 0) {
                    text.append(OUTPUT_LETTERS[bit]);
                }
            }
            FORMATTED[flags] = text.length() == 0 ? "none" : text.toString();
        }
    }

    private TcpFlags() {
    }

    /**
     * Letters F S R P A U E C in any order and case, each setting one bit; "" or "none" is no
     * flag. tcpdump's '.' (ACK) and 'W' (CWR) are accepted too, so {@link #format} output parses back.
     *
     * @throws IllegalArgumentException naming the first unknown letter
     */
    public static int parse(String letters) {
        if (letters == null) {
            throw new IllegalArgumentException("missing TCP flags: use letters from FSRPAUEC");
        }
        String text = letters.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return 0;
        }
        int flags = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int index = INPUT_LETTERS.indexOf(Character.toUpperCase(c));
            if (index >= 0) {
                flags |= 1 << index;
            } else if (c == '.') {
                flags |= ACK;
            } else if (c == 'W' || c == 'w') {
                flags |= CWR;
            } else {
                throw new IllegalArgumentException("unknown TCP flag '" + c + "' in \"" + text
                        + "\": use letters F(IN) S(YN) R(ST) P(SH) A(CK) U(RG) E(CE) C(WR)");
            }
        }
        return flags;
    }

    /** tcpdump's form: one letter per set bit in F S R P . U E W e order, "none" for no bit. */
    public static String format(int flags) {
        return FORMATTED[flags & ALL];
    }
}
