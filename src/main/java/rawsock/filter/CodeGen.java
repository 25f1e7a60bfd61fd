package rawsock.filter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Node} tree into classic BPF. Short-circuit code: every node is generated with a
 * "true" and a "false" label, both of which lie after it, so every jump goes forward. Labels are
 * resolved at the end; a conditional jump farther than 255 instructions (jt/jf are u8) gets a
 * {@code ja} trampoline (32-bit offset) placed right behind it. Before that, {@link DeadLoads}
 * takes out of the tree's code (not the prologues) the loads that cannot change the verdict.
 *
 * <p>Scratch memory: M[{@value #LINK_SLOT}] holds the 802.1Q offset adjustment (ETHERNET with
 * {@code vlan}), M[{@value #NEXTHDR_SLOT}] the IPv6 upper-layer protocol found by walking the
 * extension headers (IPV6_RAW), M[{@value #TMP_SLOT}] is the walk's temporary. Each slot is stored
 * by the prologue before any load, as the kernel's check_load_and_stores demands.
 */
final class CodeGen {
    static final int LINK_SLOT = 0;
    static final int NEXTHDR_SLOT = 1;
    static final int TMP_SLOT = 2;

    /** IPv6 extension headers the IPV6_RAW prologue steps over (more are left unresolved). */
    static final int IPV6_MAX_EXTENSION_HEADERS = 8;

    static final class Label {
        Insn insn;

        Label() {
        }

        Label(Insn insn) {
            this.insn = insn;
        }
    }

    static final class Insn {
        final int code;
        final int k;
        Label jt;
        Label jf;

        Insn(int code, int k, Label jt, Label jf) {
            this.code = code;
            this.k = k;
            this.jt = jt;
            this.jf = jf;
        }
    }

    private final List<Insn> insns = new ArrayList<>();
    private final List<Label> pending = new ArrayList<>();

    private CodeGen() {
    }

    /** Compiles a tree; a constant tree becomes a single {@code ret}. */
    static BpfProgram generate(Node root) throws FilterSyntaxException {
        if (root instanceof Node.Const c) {
            return c.value() ? BpfProgram.acceptAll() : BpfProgram.rejectAll();
        }
        try {
            return generateTree(root);
        } catch (TooLong e) {
            throw tooLong(e.size);
        }
    }

    private static BpfProgram generateTree(Node root) throws FilterSyntaxException {
        CodeGen g = new CodeGen();
        Uses uses = new Uses();
        uses.scan(root);
        if (uses.linkSlot) {
            g.vlanPrologue();
        }
        if (uses.nextHdrSlot) {
            g.ipv6WalkPrologue();
        }
        int body = g.insns.size();
        Label accept = new Label();
        Label reject = new Label();
        g.gen(root, accept, reject);
        g.place(accept);
        g.emit(Bpf.RET | Bpf.K, BpfProgram.ACCEPT);
        g.place(reject);
        g.emit(Bpf.RET | Bpf.K, BpfProgram.REJECT);
        return assemble(DeadLoads.remove(g.insns, body));
    }

    /** Which prologue values the tree reads. */
    private static final class Uses {
        boolean linkSlot;
        boolean nextHdrSlot;

        void scan(Node n) {
            if (n instanceof Node.And a) {
                a.kids().forEach(this::scan);
            } else if (n instanceof Node.Or o) {
                o.kids().forEach(this::scan);
            } else if (n instanceof Node.Not nt) {
                scan(nt.kid());
            } else if (n instanceof Node.Test t) {
                Node.Load l = t.load();
                if (l instanceof Node.Load.Ind) {
                    linkSlot = true;
                } else if (l instanceof Node.Load.Transport4 t4 && t4.ip().variable()) {
                    linkSlot = true;
                } else if (l instanceof Node.Load.Mem m) {
                    if (m.slot() == LINK_SLOT) {
                        linkSlot = true;
                    } else if (m.slot() == NEXTHDR_SLOT) {
                        nextHdrSlot = true;
                    }
                }
            }
        }
    }

    // ---- emission helpers -------------------------------------------------------------------

    private void emit(int code, int k) {
        add(new Insn(code, k, null, null));
    }

    private void jump(int op, int k, Label t, Label f) {
        add(new Insn(Bpf.JMP | op | Bpf.K, k, t, f));
    }

    private void ja(Label target) {
        add(new Insn(Bpf.JMP | Bpf.JA, 0, target, null));
    }

    private void add(Insn insn) {
        if (insns.size() >= BpfProgram.MAX_INSTRUCTIONS) {
            throw new TooLong(insns.size() + 1);
        }
        for (Label l : pending) {
            l.insn = insn;
        }
        pending.clear();
        insns.add(insn);
    }

    /** Binds a label to the next instruction emitted. */
    private void place(Label l) {
        pending.add(l);
    }

    // ---- prologues ----------------------------------------------------------------------------

    /**
     * M[LINK_SLOT] = 0 when the kernel took the outer 802.1Q tag out of the frame into skb
     * metadata (SKF_AD_VLAN_TAG_PRESENT), else 4: the extra offset of everything after the first
     * {@code vlan} primitive (see {@link Layers#vlan}).
     */
    private void vlanPrologue() {
        Label inFrame = new Label();
        Label stripped = new Label();
        Label store = new Label();
        emit(Bpf.LD | Bpf.B | Bpf.ABS, Bpf.SKF_AD_OFF + Bpf.SKF_AD_VLAN_TAG_PRESENT);
        jump(Bpf.JEQ, 0, inFrame, stripped);
        place(inFrame);
        emit(Bpf.LD | Bpf.IMM, 4);
        ja(store);
        place(stripped);
        emit(Bpf.LD | Bpf.IMM, 0);
        place(store);
        emit(Bpf.ST, LINK_SLOT);
    }

    /**
     * Walks the IPv6 extension-header chain from the fixed header (read through SKF_NET_OFF) and
     * stores the first non-extension Next Header value in M[NEXTHDR_SLOT]. Steps over Hop-by-Hop
     * (0), Routing (43) and Destination Options (60) ((len+1)*8 bytes), Fragment (44, 8 bytes) and
     * AH (51, (len+2)*4 bytes), at most {@value #IPV6_MAX_EXTENSION_HEADERS} of them.
     */
    private void ipv6WalkPrologue() {
        int net = Bpf.SKF_NET_OFF;
        Label done = new Label();
        emit(Bpf.LDX | Bpf.IMM, 40);
        emit(Bpf.LD | Bpf.B | Bpf.ABS, net + 6);
        for (int i = 0; i < IPV6_MAX_EXTENSION_HEADERS; i++) {
            Label len8 = new Label();
            Label frag = new Label();
            Label ah = new Label();
            Label common = new Label();
            Label[] next = {new Label(), new Label(), new Label(), new Label()};
            jump(Bpf.JEQ, 0, len8, next[0]);
            place(next[0]);
            jump(Bpf.JEQ, 43, len8, next[1]);
            place(next[1]);
            jump(Bpf.JEQ, 60, len8, next[2]);
            place(next[2]);
            jump(Bpf.JEQ, 44, frag, next[3]);
            place(next[3]);
            jump(Bpf.JEQ, 51, ah, done);
            place(len8);
            emit(Bpf.LD | Bpf.B | Bpf.IND, net + 1);
            emit(Bpf.ALU | Bpf.ADD | Bpf.K, 1);
            emit(Bpf.ALU | Bpf.LSH | Bpf.K, 3);
            ja(common);
            place(ah);
            emit(Bpf.LD | Bpf.B | Bpf.IND, net + 1);
            emit(Bpf.ALU | Bpf.ADD | Bpf.K, 2);
            emit(Bpf.ALU | Bpf.LSH | Bpf.K, 2);
            ja(common);
            place(frag);
            emit(Bpf.LD | Bpf.IMM, 8);
            place(common);
            emit(Bpf.ALU | Bpf.ADD | Bpf.X, 0); // A = offset of the following header
            emit(Bpf.ST, TMP_SLOT);
            emit(Bpf.LD | Bpf.B | Bpf.IND, net); // A = this extension header's Next Header
            emit(Bpf.LDX | Bpf.MEM, TMP_SLOT);
        }
        place(done);
        emit(Bpf.ST, NEXTHDR_SLOT);
    }

    // ---- tree ---------------------------------------------------------------------------------

    private void gen(Node n, Label t, Label f) {
        if (n instanceof Node.Const c) {
            ja(c.value() ? t : f);
        } else if (n instanceof Node.Not nt) {
            gen(nt.kid(), f, t);
        } else if (n instanceof Node.And a) {
            genList(a.kids(), true, t, f);
        } else if (n instanceof Node.Or o) {
            genList(o.kids(), false, t, f);
        } else if (n instanceof Node.Test test) {
            genTest(test, t, f, true);
        } else {
            throw new IllegalStateException("unknown node " + n);
        }
    }

    /**
     * AND: each child but the last jumps to the next child when true, to {@code f} when false.
     * OR: to {@code t} when true, to the next child when false. The code of a child is reached only
     * from the child before it, so when both are comparisons of the same loaded value, A still
     * holds it and the load is not repeated.
     */
    private void genList(List<Node> kids, boolean isAnd, Label t, Label f) {
        Node.Test previous = null;
        for (int i = 0; i < kids.size(); i++) {
            Node kid = kids.get(i);
            boolean last = i == kids.size() - 1;
            Label next = last ? null : new Label();
            Label kt = last ? t : isAnd ? next : t;
            Label kf = last ? f : isAnd ? f : next;
            Node.Test test = asTest(kid);
            if (test != null && previous != null && sameValue(previous, test)) {
                if (kid instanceof Node.Not) {
                    genTest(test, kf, kt, false);
                } else {
                    genTest(test, kt, kf, false);
                }
            } else {
                gen(kid, kt, kf);
            }
            previous = test;
            if (!last) {
                place(next);
            }
        }
    }

    private static Node.Test asTest(Node n) {
        if (n instanceof Node.Test t) {
            return t;
        }
        if (n instanceof Node.Not nt && nt.kid() instanceof Node.Test t) {
            return t;
        }
        return null;
    }

    private static boolean sameValue(Node.Test a, Node.Test b) {
        return a.load().equals(b.load()) && a.masked() == b.masked() && a.mask() == b.mask();
    }

    private void genTest(Node.Test test, Label t, Label f, boolean withLoad) {
        if (withLoad) {
            load(test.load());
            if (test.masked()) {
                emit(Bpf.ALU | Bpf.AND | Bpf.K, test.mask());
            }
        }
        jump(test.op(), test.value(), t, f);
    }

    private void load(Node.Load l) {
        if (l instanceof Node.Load.Abs a) {
            emit(Bpf.LD | a.size() | Bpf.ABS, a.k());
        } else if (l instanceof Node.Load.Ind ind) {
            emit(Bpf.LDX | Bpf.MEM, LINK_SLOT);
            emit(Bpf.LD | ind.size() | Bpf.IND, ind.k());
        } else if (l instanceof Node.Load.Transport4 t) {
            Node.Offset ip = t.ip();
            if (ip.variable()) {
                emit(Bpf.LDX | Bpf.MEM, LINK_SLOT);
                emit(Bpf.LD | Bpf.B | Bpf.IND, ip.k());
                emit(Bpf.ALU | Bpf.AND | Bpf.K, 0xf);
                emit(Bpf.ALU | Bpf.LSH | Bpf.K, 2);
                emit(Bpf.ALU | Bpf.ADD | Bpf.X, 0);
                emit(Bpf.MISC | Bpf.TAX, 0);
            } else {
                emit(Bpf.LDX | Bpf.B | Bpf.MSH, ip.k());
            }
            emit(Bpf.LD | t.size() | Bpf.IND, ip.k() + t.k());
        } else if (l instanceof Node.Load.Mem m) {
            emit(Bpf.LD | Bpf.MEM, m.slot());
        } else {
            throw new IllegalStateException("unknown load " + l);
        }
    }

    // ---- assembly -----------------------------------------------------------------------------

    /** Appends a {@code ja} to {@code far} to {@code out}: where a conditional jump that cannot reach {@code far} goes instead. */
    private static Label trampoline(Label far, List<Insn> out) {
        Insn ja = new Insn(Bpf.JMP | Bpf.JA, 0, far, null);
        out.add(ja);
        return new Label(ja);
    }

    private static BpfProgram assemble(List<Insn> list) throws FilterSyntaxException {
        // Relaxation: give each too-far conditional branch a ja trampoline right behind the jump.
        // Insertions only lengthen other jumps, so repeat until nothing is too far.
        while (true) {
            if (list.size() > BpfProgram.MAX_INSTRUCTIONS) {
                throw tooLong(list.size());
            }
            Map<Insn, Integer> pos = positions(list);
            List<Insn> out = new ArrayList<>(list.size() + 16);
            boolean changed = false;
            for (int pc = 0; pc < list.size(); pc++) {
                Insn in = list.get(pc);
                out.add(in);
                if (!Bpf.isConditionalJump(in.code)) {
                    continue;
                }
                if (pos.get(in.jt.insn) - pc - 1 > 255) {
                    in.jt = trampoline(in.jt, out);
                    changed = true;
                }
                if (pos.get(in.jf.insn) - pc - 1 > 255) {
                    in.jf = trampoline(in.jf, out);
                    changed = true;
                }
            }
            list = out;
            if (!changed) {
                break;
            }
        }
        if (list.size() > BpfProgram.MAX_INSTRUCTIONS) {
            throw tooLong(list.size());
        }
        Map<Insn, Integer> pos = positions(list);
        int n = list.size();
        short[] code = new short[n];
        byte[] jt = new byte[n];
        byte[] jf = new byte[n];
        int[] k = new int[n];
        for (int pc = 0; pc < n; pc++) {
            Insn in = list.get(pc);
            code[pc] = (short) in.code;
            if (Bpf.cls(in.code) == Bpf.JMP) {
                if (Bpf.op(in.code) == Bpf.JA) {
                    k[pc] = offset(pos, in.jt, pc, Integer.MAX_VALUE);
                } else {
                    k[pc] = in.k;
                    jt[pc] = (byte) offset(pos, in.jt, pc, 255);
                    jf[pc] = (byte) offset(pos, in.jf, pc, 255);
                }
            } else {
                k[pc] = in.k;
            }
        }
        return new BpfProgram(code, jt, jf, k);
    }

    private static int offset(Map<Insn, Integer> pos, Label l, int pc, int max) {
        int d = pos.get(l.insn) - pc - 1;
        if (d < 0 || d > max) {
            throw new IllegalStateException("jump from " + pc + " by " + d + " is out of range");
        }
        return d;
    }

    private static Map<Insn, Integer> positions(List<Insn> list) {
        Map<Insn, Integer> pos = new IdentityHashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            pos.put(list.get(i), i);
        }
        return pos;
    }

    private static FilterSyntaxException tooLong(int n) {
        return new FilterSyntaxException("expression too long: it compiles to " + n
                + " or more BPF instructions and the kernel accepts at most " + BpfProgram.MAX_INSTRUCTIONS);
    }

    /** Thrown from deep inside generation as soon as the program cannot fit any more. */
    private static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int size;

        TooLong(int size) {
            super(null, null, false, false);
            this.size = size;
        }
    }
}
