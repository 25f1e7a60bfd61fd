package rawsock.filter;

/**
 * Classic BPF opcode fields and Linux socket-filter constants (linux/filter.h,
 * linux/bpf_common.h). Only what the compiler and its tests need.
 */
final class Bpf {
    private Bpf() {
    }

    // instruction classes
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int MISC = 0x07;

    // ld/ldx sizes
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;

    // ld/ldx modes
    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MEM = 0x60;
    static final int LEN = 0x80;
    static final int MSH = 0xa0;

    // alu operations
    static final int ADD = 0x00;
    static final int SUB = 0x10;
    static final int MUL = 0x20;
    static final int DIV = 0x30;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int NEG = 0x80;
    static final int MOD = 0x90;
    static final int XOR = 0xa0;

    // jump operations
    static final int JA = 0x00;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;

    // operand source
    static final int K = 0x00;
    static final int X = 0x08;

    // ret value source
    static final int RET_A = 0x10;

    // misc
    static final int TAX = 0x00;
    static final int TXA = 0x80;

    /** BPF_MAXINSNS: the most instructions the kernel accepts in one classic program. */
    static final int MAXINSNS = 4096;
    /** BPF_MEMWORDS: scratch memory cells M[0..15]. */
    static final int MEMWORDS = 16;

    /** Ancillary data area: loads at SKF_AD_OFF + n read skb metadata instead of packet bytes. */
    static final int SKF_AD_OFF = -0x1000;
    static final int SKF_AD_PROTOCOL = 0;
    static final int SKF_AD_VLAN_TAG = 44;
    static final int SKF_AD_VLAN_TAG_PRESENT = 48;
    /** Loads at SKF_NET_OFF + n read byte n of the network header (skb_network_header). */
    static final int SKF_NET_OFF = -0x100000;
    /** Loads at SKF_LL_OFF + n read byte n of the link-layer header (skb_mac_header). */
    static final int SKF_LL_OFF = -0x200000;

    static int cls(int code) {
        return code & 0x07;
    }

    static int size(int code) {
        return code & 0x18;
    }

    static int mode(int code) {
        return code & 0xe0;
    }

    static int op(int code) {
        return code & 0xf0;
    }

    static int src(int code) {
        return code & 0x08;
    }

    static boolean isConditionalJump(int code) {
        return cls(code) == JMP && op(code) != JA;
    }

    /**
     * Whether the conditional jump {@code op} (JEQ, JGT, JGE or JSET) takes its true branch for the
     * value {@code a} and the operand {@code k}; comparisons are unsigned, as the kernel makes them.
     */
    static boolean jumpTaken(int op, int a, int k) {
        switch (op) {
            case JEQ:
                return a == k;
            case JGT:
                return Integer.compareUnsigned(a, k) > 0;
            case JGE:
                return Integer.compareUnsigned(a, k) >= 0;
            case JSET:
                return (a & k) != 0;
            default:
                throw new IllegalStateException("not a conditional jump: " + op);
        }
    }

    static int sizeBytes(int code) {
        switch (size(code)) {
            case W:
                return 4;
            case H:
                return 2;
            case B:
                return 1;
            default:
                return -1;
        }
    }

    /** One instruction in tcpdump -d style, e.g. {@code ldh      [x + 14]}. */
    static String disassemble(int pc, int code, int jt, int jf, int k) {
        String mnemonic;
        String operand;
        switch (cls(code)) {
            case LD:
            case LDX: {
                boolean x = cls(code) == LDX;
                String sz = size(code) == H ? "h" : size(code) == B ? "b" : "";
                switch (mode(code)) {
                    case IMM:
                        mnemonic = x ? "ldx" : "ld";
                        operand = "#" + hex(k);
                        break;
                    case ABS:
                        mnemonic = (x ? "ldx" : "ld") + sz;
                        operand = "[" + offsetText(k) + "]";
                        break;
                    case IND:
                        mnemonic = (x ? "ldx" : "ld") + sz;
                        operand = "[x + " + offsetText(k) + "]";
                        break;
                    case MEM:
                        mnemonic = x ? "ldx" : "ld";
                        operand = "M[" + k + "]";
                        break;
                    case LEN:
                        mnemonic = x ? "ldx" : "ld";
                        operand = "#pktlen";
                        break;
                    case MSH:
                        mnemonic = "ldxb";
                        operand = "4*([" + offsetText(k) + "]&0xf)";
                        break;
                    default:
                        mnemonic = "unknown";
                        operand = hex(code);
                }
                break;
            }
            case ST:
                mnemonic = "st";
                operand = "M[" + k + "]";
                break;
            case STX:
                mnemonic = "stx";
                operand = "M[" + k + "]";
                break;
            case ALU: {
                String[] names = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh", "neg", "mod", "xor"};
                int idx = op(code) >> 4;
                mnemonic = idx < names.length ? names[idx] : "alu?";
                operand = op(code) == NEG ? "" : src(code) == X ? "x" : "#" + hex(k);
                break;
            }
            case JMP: {
                if (op(code) == JA) {
                    return String.format("(%03d) %-8s %d", pc, "ja", pc + 1 + k);
                }
                String[] names = {"ja", "jeq", "jgt", "jge", "jset"};
                int idx = op(code) >> 4;
                mnemonic = idx < names.length ? names[idx] : "jmp?";
                operand = src(code) == X ? "x" : "#" + hex(k);
                return String.format("(%03d) %-8s %-16s jt %d\tjf %d", pc, mnemonic, operand,
                        pc + 1 + jt, pc + 1 + jf);
            }
            case RET:
                mnemonic = "ret";
                operand = (code & 0x18) == RET_A ? "a" : (code & 0x18) == X ? "x" : "#" + Integer.toUnsignedString(k);
                break;
            case MISC:
                mnemonic = (code & 0xf8) == TXA ? "txa" : "tax";
                operand = "";
                break;
            default:
                mnemonic = "unknown";
                operand = hex(code);
        }
        return String.format("(%03d) %-8s %s", pc, mnemonic, operand).stripTrailing();
    }

    private static String offsetText(int k) {
        if (k < 0 && k >= SKF_AD_OFF) {
            return "ancillary+" + (k - SKF_AD_OFF);
        }
        if (k < SKF_AD_OFF && k >= SKF_NET_OFF) {
            return "net+" + (k - SKF_NET_OFF);
        }
        if (k < SKF_NET_OFF && k >= SKF_LL_OFF) {
            return "ll+" + (k - SKF_LL_OFF);
        }
        return Integer.toString(k);
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
