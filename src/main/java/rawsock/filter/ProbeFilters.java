package rawsock.filter;

import rawsock.packet.IcmpTypes;
import rawsock.packet.Icmpv6Types;

/**
 * In-kernel filters for the sockets that wait for probe replies (send --wait). An ICMP raw
 * socket sees every ICMP packet on the host; under someone else's flood its buffer would
 * overflow and our replies be lost. These programs let through only the reply type with our
 * identifier, and the error messages (which quote the packet they answer; user space checks
 * the quote).
 */
public final class ProbeFilters {
    private static final int LDX_MSH = Bpf.LDX | Bpf.B | Bpf.MSH;
    private static final int LDB_ABS = Bpf.LD | Bpf.B | Bpf.ABS;
    private static final int LDH_ABS = Bpf.LD | Bpf.H | Bpf.ABS;
    private static final int LDB_IND = Bpf.LD | Bpf.B | Bpf.IND;
    private static final int LDH_IND = Bpf.LD | Bpf.H | Bpf.IND;
    private static final int JEQ = Bpf.JMP | Bpf.JEQ | Bpf.K;
    private static final int RET = Bpf.RET | Bpf.K;
    /** No ICMP type byte equals this: for requests that draw no reply of their own. */
    private static final int NO_TYPE = 0x100;

    private ProbeFilters() {
    }

    /**
     * ICMP (IPv4 raw socket: the packet starts at the IPv4 header) or ICMPv6 (IPv6 raw socket:
     * it starts at the ICMPv6 header): accept {@code replyType} with identifier {@code id}, and
     * every error type.
     *
     * @param replyType the reply type the probes draw, or -1 when they draw none
     */
    public static BpfProgram icmpReplies(boolean ipv6, int replyType, int id) {
        int[] errors = ipv6 ? Icmpv6Types.errorTypes() : IcmpTypes.errorTypes();
        int type = replyType < 0 ? NO_TYPE : replyType;
        int prologue = ipv6 ? 0 : 1;
        int n = prologue + 4 + errors.length + 2;
        short[] code = new short[n];
        byte[] jt = new byte[n];
        byte[] jf = new byte[n];
        int[] k = new int[n];
        int accept = n - 2;
        int reject = n - 1;
        int pc = 0;
        if (!ipv6) {
            // X = IPv4 header length, from the IHL nibble.
            set(code, jt, jf, k, pc++, LDX_MSH, 0, 0, 0);
        }
        set(code, jt, jf, k, pc, ipv6 ? LDB_ABS : LDB_IND, 0, 0, 0);
        pc++;
        int errorsAt = pc + 3;
        set(code, jt, jf, k, pc, JEQ, 0, errorsAt - (pc + 1), type);
        pc++;
        set(code, jt, jf, k, pc, ipv6 ? LDH_ABS : LDH_IND, 0, 0, 4);
        pc++;
        set(code, jt, jf, k, pc, JEQ, accept - (pc + 1), reject - (pc + 1), id);
        pc++;
        for (int i = 0; i < errors.length; i++, pc++) {
            boolean last = i == errors.length - 1;
            set(code, jt, jf, k, pc, JEQ, accept - (pc + 1), last ? reject - (pc + 1) : 0, errors[i]);
        }
        set(code, jt, jf, k, accept, RET, 0, 0, BpfProgram.ACCEPT);
        set(code, jt, jf, k, reject, RET, 0, 0, BpfProgram.REJECT);
        return new BpfProgram(code, jt, jf, k);
    }

    private static void set(short[] code, byte[] jt, byte[] jf, int[] k, int pc, int op, int t, int f, int value) {
        code[pc] = (short) op;
        jt[pc] = (byte) t;
        jf[pc] = (byte) f;
        k[pc] = value;
    }
}
