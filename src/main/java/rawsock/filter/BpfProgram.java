package rawsock.filter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable classic BPF program: an array of {@code struct sock_filter {u16 code; u8 jt; u8 jf;
 * u32 k;}} ready for {@code setsockopt(SO_ATTACH_FILTER)}.
 *
 * <p>Every program built here is checked on construction the way the kernel's
 * {@code bpf_check_classic} would: 1 to {@value #MAX_INSTRUCTIONS} instructions, jumps forward and
 * inside the program, the last instruction a {@code ret}. {@link #jt(int)} and {@link #jf(int)}
 * return the raw u8 as a Java byte: use {@link Byte#toUnsignedInt(byte)} for offsets above 127.
 */
public final class BpfProgram {
    /** BPF_MAXINSNS: the kernel refuses longer classic programs. */
    public static final int MAX_INSTRUCTIONS = Bpf.MAXINSNS;
    /** Return value of an accepting program: keep the whole packet. */
    public static final int ACCEPT = 0xFFFFFFFF;
    /** Return value of a rejecting program: drop the packet. */
    public static final int REJECT = 0;

    /** Size of one struct sock_filter in bytes. */
    public static final int INSTRUCTION_BYTES = 8;

    private final short[] code;
    private final byte[] jt;
    private final byte[] jf;
    private final int[] k;

    BpfProgram(short[] code, byte[] jt, byte[] jf, int[] k) {
        int n = code.length;
        if (jt.length != n || jf.length != n || k.length != n) {
            throw new IllegalArgumentException("instruction arrays differ in length");
        }
        if (n == 0 || n > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a BPF program has 1 to " + MAX_INSTRUCTIONS
                    + " instructions, not " + n);
        }
        for (int pc = 0; pc < n; pc++) {
            int c = Short.toUnsignedInt(code[pc]);
            if (Bpf.cls(c) == Bpf.JMP) {
                long last;
                if (Bpf.op(c) == Bpf.JA) {
                    last = pc + 1 + Integer.toUnsignedLong(k[pc]);
                } else {
                    last = pc + 1 + Math.max(Byte.toUnsignedInt(jt[pc]), Byte.toUnsignedInt(jf[pc]));
                }
                if (last >= n) {
                    throw new IllegalArgumentException("jump at " + pc + " leaves the program");
                }
            }
        }
        if (Bpf.cls(Short.toUnsignedInt(code[n - 1])) != Bpf.RET) {
            throw new IllegalArgumentException("the last instruction of a BPF program must be ret");
        }
        this.code = code.clone();
        this.jt = jt.clone();
        this.jf = jf.clone();
        this.k = k.clone();
    }

    /** The one-instruction program {@code ret #0xffffffff}: every packet passes, whole. */
    static BpfProgram acceptAll() {
        return single(ACCEPT);
    }

    /** The one-instruction program {@code ret #0}: no packet passes. */
    static BpfProgram rejectAll() {
        return single(REJECT);
    }

    private static BpfProgram single(int ret) {
        return new BpfProgram(new short[] {(short) (Bpf.RET | Bpf.K)}, new byte[1], new byte[1], new int[] {ret});
    }

    /** Number of instructions. */
    public int size() {
        return code.length;
    }

    /** The u16 opcode of instruction {@code i}. */
    public short code(int i) {
        return code[i];
    }

    /** The u8 true-branch offset of instruction {@code i} (relative to the next instruction). */
    public byte jt(int i) {
        return jt[i];
    }

    /** The u8 false-branch offset of instruction {@code i} (relative to the next instruction). */
    public byte jf(int i) {
        return jf[i];
    }

    /** The u32 operand of instruction {@code i}. */
    public int k(int i) {
        return k[i];
    }

    /**
     * The program as an array of struct sock_filter in the given byte order (the machine's own,
     * {@link ByteOrder#nativeOrder()}, for setsockopt), {@value #INSTRUCTION_BYTES} bytes each.
     */
    public byte[] toByteArray(ByteOrder order) {
        ByteBuffer buf = ByteBuffer.allocate(code.length * INSTRUCTION_BYTES).order(order);
        for (int i = 0; i < code.length; i++) {
            buf.putShort(code[i]).put(jt[i]).put(jf[i]).putInt(k[i]);
        }
        return buf.array();
    }

    /** The program in tcpdump -d style, one numbered instruction a line, for humans. */
    public String toAssembly() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < code.length; i++) {
            sb.append(Bpf.disassemble(i, Short.toUnsignedInt(code[i]), Byte.toUnsignedInt(jt[i]),
                    Byte.toUnsignedInt(jf[i]), k[i])).append('\n');
        }
        return sb.toString();
    }

    /** The program in tcpdump -dd style: {@code { 0x28, 0, 0, 0x0000000c },} one a line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < code.length; i++) {
            sb.append(String.format("{ 0x%x, %d, %d, 0x%08x },\n", Short.toUnsignedInt(code[i]),
                    Byte.toUnsignedInt(jt[i]), Byte.toUnsignedInt(jf[i]), k[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BpfProgram)) {
            return false;
        }
        BpfProgram p = (BpfProgram) o;
        return Arrays.equals(code, p.code) && Arrays.equals(jt, p.jt) && Arrays.equals(jf, p.jf)
                && Arrays.equals(k, p.k);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(code) + Arrays.hashCode(jt)) + Arrays.hashCode(jf))
                + Arrays.hashCode(k);
    }
}
