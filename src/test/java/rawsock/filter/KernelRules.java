package rawsock.filter;

import java.util.Set;

/**
 * The checks net/core/filter.c makes before it accepts a classic program for SO_ATTACH_FILTER
 * (bpf_check_classic, chk_code_allowed, check_load_and_stores), restated so unit tests can hold
 * every compiled program to them without a socket.
 */
final class KernelRules {
    private KernelRules() {
    }

    /** The opcodes chk_code_allowed lets through for socket filters. */
    private static final Set<Integer> ALLOWED = Set.of(
            Bpf.ALU | Bpf.ADD | Bpf.K, Bpf.ALU | Bpf.ADD | Bpf.X,
            Bpf.ALU | Bpf.SUB | Bpf.K, Bpf.ALU | Bpf.SUB | Bpf.X,
            Bpf.ALU | Bpf.MUL | Bpf.K, Bpf.ALU | Bpf.MUL | Bpf.X,
            Bpf.ALU | Bpf.DIV | Bpf.K, Bpf.ALU | Bpf.DIV | Bpf.X,
            Bpf.ALU | Bpf.MOD | Bpf.K, Bpf.ALU | Bpf.MOD | Bpf.X,
            Bpf.ALU | Bpf.AND | Bpf.K, Bpf.ALU | Bpf.AND | Bpf.X,
            Bpf.ALU | Bpf.OR | Bpf.K, Bpf.ALU | Bpf.OR | Bpf.X,
            Bpf.ALU | Bpf.XOR | Bpf.K, Bpf.ALU | Bpf.XOR | Bpf.X,
            Bpf.ALU | Bpf.LSH | Bpf.K, Bpf.ALU | Bpf.LSH | Bpf.X,
            Bpf.ALU | Bpf.RSH | Bpf.K, Bpf.ALU | Bpf.RSH | Bpf.X,
            Bpf.ALU | Bpf.NEG,
            Bpf.LD | Bpf.W | Bpf.ABS, Bpf.LD | Bpf.H | Bpf.ABS, Bpf.LD | Bpf.B | Bpf.ABS,
            Bpf.LD | Bpf.W | Bpf.LEN,
            Bpf.LD | Bpf.W | Bpf.IND, Bpf.LD | Bpf.H | Bpf.IND, Bpf.LD | Bpf.B | Bpf.IND,
            Bpf.LD | Bpf.IMM, Bpf.LD | Bpf.MEM,
            Bpf.LDX | Bpf.W | Bpf.LEN, Bpf.LDX | Bpf.B | Bpf.MSH, Bpf.LDX | Bpf.IMM, Bpf.LDX | Bpf.MEM,
            Bpf.ST, Bpf.STX,
            Bpf.MISC | Bpf.TAX, Bpf.MISC | Bpf.TXA,
            Bpf.RET | Bpf.K, Bpf.RET | Bpf.RET_A,
            Bpf.JMP | Bpf.JA,
            Bpf.JMP | Bpf.JEQ | Bpf.K, Bpf.JMP | Bpf.JEQ | Bpf.X,
            Bpf.JMP | Bpf.JGE | Bpf.K, Bpf.JMP | Bpf.JGE | Bpf.X,
            Bpf.JMP | Bpf.JGT | Bpf.K, Bpf.JMP | Bpf.JGT | Bpf.X,
            Bpf.JMP | Bpf.JSET | Bpf.K, Bpf.JMP | Bpf.JSET | Bpf.X);

    /** Throws AssertionError naming the first rule the program breaks. */
    static void check(BpfProgram p) {
        int n = p.size();
        if (n < 1 || n > Bpf.MAXINSNS) {
            throw new AssertionError("length " + n);
        }
        for (int pc = 0; pc < n; pc++) {
            int code = Short.toUnsignedInt(p.code(pc));
            int k = p.k(pc);
            if (!ALLOWED.contains(code)) {
                throw new AssertionError("opcode 0x" + Integer.toHexString(code) + " not allowed at " + pc);
            }
            switch (code) {
                case Bpf.ALU | Bpf.DIV | Bpf.K:
                case Bpf.ALU | Bpf.MOD | Bpf.K:
                    if (k == 0) {
                        throw new AssertionError("division by constant 0 at " + pc);
                    }
                    break;
                case Bpf.ALU | Bpf.LSH | Bpf.K:
                case Bpf.ALU | Bpf.RSH | Bpf.K:
                    if (Integer.compareUnsigned(k, 32) >= 0) {
                        throw new AssertionError("shift by " + k + " at " + pc);
                    }
                    break;
                case Bpf.LD | Bpf.MEM:
                case Bpf.LDX | Bpf.MEM:
                case Bpf.ST:
                case Bpf.STX:
                    if (Integer.compareUnsigned(k, Bpf.MEMWORDS) >= 0) {
                        throw new AssertionError("scratch cell " + k + " at " + pc);
                    }
                    break;
                case Bpf.JMP | Bpf.JA:
                    if (Integer.compareUnsigned(k, n - pc - 1) >= 0) {
                        throw new AssertionError("ja out of range at " + pc);
                    }
                    break;
                default:
                    if (Bpf.isConditionalJump(code)) {
                        if (pc + Byte.toUnsignedInt(p.jt(pc)) + 1 >= n
                                || pc + Byte.toUnsignedInt(p.jf(pc)) + 1 >= n) {
                            throw new AssertionError("conditional jump out of range at " + pc);
                        }
                    }
            }
        }
        int last = Short.toUnsignedInt(p.code(n - 1));
        if (last != (Bpf.RET | Bpf.K) && last != (Bpf.RET | Bpf.RET_A)) {
            throw new AssertionError("last instruction is not ret");
        }
        checkLoadAndStores(p);
    }

    /** Every read of M[k] must follow a store to M[k] on every path (check_load_and_stores). */
    private static void checkLoadAndStores(BpfProgram p) {
        int n = p.size();
        int[] masks = new int[n];
        java.util.Arrays.fill(masks, 0xffff);
        int memvalid = 0;
        for (int pc = 0; pc < n; pc++) {
            memvalid &= masks[pc];
            int code = Short.toUnsignedInt(p.code(pc));
            int k = p.k(pc);
            switch (code) {
                case Bpf.ST:
                case Bpf.STX:
                    memvalid |= 1 << k;
                    break;
                case Bpf.LD | Bpf.MEM:
                case Bpf.LDX | Bpf.MEM:
                    if ((memvalid & (1 << k)) == 0) {
                        throw new AssertionError("M[" + k + "] may be read before a store at " + pc);
                    }
                    break;
                case Bpf.JMP | Bpf.JA:
                    masks[pc + 1 + k] &= memvalid;
                    memvalid = ~0;
                    break;
                default:
                    if (Bpf.isConditionalJump(code)) {
                        masks[pc + 1 + Byte.toUnsignedInt(p.jt(pc))] &= memvalid;
                        masks[pc + 1 + Byte.toUnsignedInt(p.jf(pc))] &= memvalid;
                        memvalid = ~0;
                    }
            }
        }
    }
}
