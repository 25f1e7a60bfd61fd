package rawsock.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes the loads whose value cannot change the verdict, as libpcap's optimizer does. In classic
 * BPF a load past the end of the packet drops it, so such a load is not harmless: on a frame cut
 * short it rejects what tcpdump accepts.
 *
 * <p>The program is unfolded from its first instruction into a tree of paths, each path knowing
 * the outcome of the comparisons made on it (the values in A, X and M[] are followed symbolically,
 * so a second test of the same bytes is recognised). On the way:
 * <ul>
 *   <li>a comparison whose outcome the path already knows becomes a straight continuation;</li>
 *   <li>a comparison whose two branches end up as the same code is dropped;</li>
 *   <li>an instruction whose result (A, X or a scratch cell) is overwritten or never read before a
 *       {@code ret} is dropped.</li>
 * </ul>
 * Equal suffixes are shared again (hash-consing), so the result is a DAG with forward jumps only.
 * Each rule keeps the verdict of every packet whose loads all fall inside it; only loads that
 * would have dropped a short packet disappear. When the unfolding grows beyond a fixed budget
 * (long chains of independent tests) the program is returned unchanged.
 */
final class DeadLoads {
    /** Tree nodes the unfolding may create before giving up and keeping the program as it is. */
    static final int BUDGET = 20_000;

    private DeadLoads() {
    }

    // ---- symbolic values ----------------------------------------------------------------------

    /** What a register holds, as an expression over packet bytes: equal expressions, equal values. */
    private sealed interface Val permits Imm, Load, Alu, Entry {
    }

    /** What a register held when the optimised part began (a prologue's result). */
    private record Entry(int register) implements Val {
    }

    private record Imm(int k) implements Val {
    }

    /** A packet load; {@code x} is the index register's value for BPF_IND and BPF_MSH, else null. */
    private record Load(int code, int k, Val x) implements Val {
    }

    private record Alu(int op, Val a, Val b) implements Val {
    }

    /** One known comparison outcome on the current path, as a persistent list. */
    private record Fact(Val v, int op, int k, boolean outcome, Fact next) {
    }

    private record State(Val a, Val x, Val[] m, Fact facts) {
        State withA(Val v) {
            return new State(v, x, m, facts);
        }

        State withX(Val v) {
            return new State(a, v, m, facts);
        }

        State withM(int i, Val v) {
            Val[] copy = m.clone();
            copy[i] = v;
            return new State(a, x, copy, facts);
        }

        State knowing(Val v, int op, int k, boolean outcome) {
            return new State(a, x, m, new Fact(v, op, k, outcome, facts));
        }
    }

    // ---- the unfolded program (hash-consed: structurally equal nodes are one object) ----------

    /**
     * One instruction and what follows it: {@code next} for straight code, {@code t}/{@code f} for
     * jumps. Successors are already interned, so equality compares them by identity (a structural
     * comparison would walk every path of the DAG).
     */
    private static final class Node {
        private final int code;
        private final int k;
        private final Node next;
        private final Node t;
        private final Node f;
        private final int hash;

        Node(int code, int k, Node next, Node t, Node f) {
            this.code = code;
            this.k = k;
            this.next = next;
            this.t = t;
            this.f = f;
            this.hash = ((code * 31 + k) * 31 + System.identityHashCode(next)) * 31
                    + System.identityHashCode(t) * 17 + System.identityHashCode(f);
        }

        int code() {
            return code;
        }

        int k() {
            return k;
        }

        Node next() {
            return next;
        }

        Node t() {
            return t;
        }

        Node f() {
            return f;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && n.code == code && n.k == k && n.next == next && n.t == t && n.f == f;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class TooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooBig() {
            super(null, null, false, false);
        }
    }

    private static final class Unfolder {
        final List<CodeGen.Insn> insns;
        final Map<CodeGen.Insn, Integer> pc = new IdentityHashMap<>();
        final Map<Node, Node> interned = new HashMap<>();
        int created;

        Unfolder(List<CodeGen.Insn> insns) {
            this.insns = insns;
            for (int i = 0; i < insns.size(); i++) {
                pc.put(insns.get(i), i);
            }
        }

        Node intern(Node n) {
            Node old = interned.putIfAbsent(n, n);
            return old != null ? old : n;
        }

        Node unfold(int at, State st) {
            if (++created > BUDGET) {
                throw new TooBig();
            }
            CodeGen.Insn in = insns.get(at);
            int code = in.code;
            switch (Bpf.cls(code)) {
                case Bpf.RET:
                    return intern(new Node(code, in.k, null, null, null));
                case Bpf.JMP: {
                    if (Bpf.op(code) == Bpf.JA) {
                        return unfold(pc.get(in.jt.insn), st);
                    }
                    int t = pc.get(in.jt.insn);
                    int f = pc.get(in.jf.insn);
                    if (Bpf.src(code) == Bpf.X) {
                        return jump(code, in.k, unfold(t, st), unfold(f, st));
                    }
                    Boolean known = known(st, Bpf.op(code), in.k);
                    if (known != null) {
                        return unfold(known ? t : f, st);
                    }
                    int op = Bpf.op(code);
                    return jump(code, in.k, unfold(t, st.knowing(st.a(), op, in.k, true)),
                            unfold(f, st.knowing(st.a(), op, in.k, false)));
                }
                default:
                    return intern(new Node(code, in.k, unfold(at + 1, step(st, code, in.k)), null, null));
            }
        }

        Node jump(int code, int k, Node t, Node f) {
            return t == f ? t : intern(new Node(code, k, null, t, f));
        }
    }

    /** The state after a non-jump instruction. */
    private static State step(State st, int code, int k) {
        switch (Bpf.cls(code)) {
            case Bpf.LD:
                return st.withA(loaded(st, code, k));
            case Bpf.LDX:
                return st.withX(loaded(st, code, k));
            case Bpf.ST:
                return st.withM(k, st.a());
            case Bpf.STX:
                return st.withM(k, st.x());
            case Bpf.ALU:
                return st.withA(new Alu(Bpf.op(code) | Bpf.src(code), st.a(),
                        Bpf.src(code) == Bpf.X ? st.x() : new Imm(k)));
            case Bpf.MISC:
                return (code & 0xf8) == Bpf.TXA ? st.withA(st.x()) : st.withX(st.a());
            default:
                throw new IllegalStateException("unexpected instruction class " + code);
        }
    }

    private static Val loaded(State st, int code, int k) {
        switch (Bpf.mode(code)) {
            case Bpf.IMM:
                return new Imm(k);
            case Bpf.MEM:
                return st.m()[k];
            case Bpf.IND:
                return new Load(code & ~Bpf.LDX, k, st.x());
            default:
                return new Load(code & ~Bpf.LDX, k, null);
        }
    }

    /** The outcome of {@code A op k} if the path already decides it, else null. */
    private static Boolean known(State st, int op, int k) {
        Val v = st.a();
        if (v instanceof Imm imm) {
            return Bpf.jumpTaken(op, imm.k(), k);
        }
        for (Fact f = st.facts(); f != null; f = f.next()) {
            if (!f.v().equals(v)) {
                continue;
            }
            if (f.op() == op && f.k() == k) {
                return f.outcome();
            }
            if (f.op() == Bpf.JEQ && f.outcome()) {
                return Bpf.jumpTaken(op, f.k(), k);
            }
        }
        return null;
    }

    // ---- dead instructions --------------------------------------------------------------------

    private static final int LIVE_A = 1;
    private static final int LIVE_X = 2;

    private static int liveM(int slot) {
        return 4 << slot;
    }

    /** Drops instructions whose result nothing reads; collapses jumps whose branches become equal. */
    private static final class Pruner {
        final Map<Node, Node> done = new IdentityHashMap<>();
        final Map<Node, Integer> live = new IdentityHashMap<>();
        final Unfolder u;

        Pruner(Unfolder u) {
            this.u = u;
        }

        Node prune(Node n) {
            Node d = done.get(n);
            if (d != null) {
                return d;
            }
            Node out;
            if (n.next() == null && n.t() == null) {
                out = n;
            } else if (n.t() != null) {
                out = u.jump(n.code(), n.k(), prune(n.t()), prune(n.f()));
            } else {
                Node next = prune(n.next());
                int defined = defines(n.code(), n.k());
                boolean mayFault = Bpf.cls(n.code()) == Bpf.ALU && Bpf.src(n.code()) == Bpf.X
                        && (Bpf.op(n.code()) == Bpf.DIV || Bpf.op(n.code()) == Bpf.MOD);
                if (!mayFault && (liveness(next) & defined) == 0) {
                    out = next;
                } else {
                    out = u.intern(new Node(n.code(), n.k(), next, null, null));
                }
            }
            done.put(n, out);
            return out;
        }

        int liveness(Node n) {
            Integer l = live.get(n);
            if (l != null) {
                return l;
            }
            int r;
            if (n.t() != null) {
                r = LIVE_A | (Bpf.src(n.code()) == Bpf.X ? LIVE_X : 0) | liveness(n.t()) | liveness(n.f());
            } else if (n.next() == null) {
                int src = n.code() & 0x18;
                r = src == Bpf.RET_A ? LIVE_A : src == Bpf.X ? LIVE_X : 0;
            } else {
                r = (liveness(n.next()) & ~defines(n.code(), n.k())) | uses(n.code(), n.k());
            }
            live.put(n, r);
            return r;
        }
    }

    private static int defines(int code, int k) {
        switch (Bpf.cls(code)) {
            case Bpf.LD:
            case Bpf.ALU:
                return LIVE_A;
            case Bpf.LDX:
                return LIVE_X;
            case Bpf.ST:
            case Bpf.STX:
                return liveM(k);
            default:
                return (code & 0xf8) == Bpf.TXA ? LIVE_A : LIVE_X;
        }
    }

    private static int uses(int code, int k) {
        switch (Bpf.cls(code)) {
            case Bpf.LD:
            case Bpf.LDX:
                return Bpf.mode(code) == Bpf.MEM ? liveM(k) : Bpf.mode(code) == Bpf.IND ? LIVE_X : 0;
            case Bpf.ST:
                return LIVE_A;
            case Bpf.STX:
                return LIVE_X;
            case Bpf.ALU:
                return LIVE_A | (Bpf.src(code) == Bpf.X ? LIVE_X : 0);
            default:
                return (code & 0xf8) == Bpf.TXA ? LIVE_X : LIVE_A;
        }
    }

    // ---- back to instructions -----------------------------------------------------------------

    /**
     * The program without its dead loads, or {@code insns} itself when unfolding it would exceed
     * {@link #BUDGET}. The instructions before {@code from} (the prologues, which fall through to
     * {@code from} and never jump past it) stay as they are; their results are opaque values. Every node comes before the nodes it leads to (reverse post-order), so
     * every jump goes forward; a node whose successor is not placed right behind it gets a ja.
     */
    static List<CodeGen.Insn> remove(List<CodeGen.Insn> insns, int from) {
        Unfolder u = new Unfolder(insns);
        Node root;
        try {
            Val[] m = new Val[Bpf.MEMWORDS];
            for (int i = 0; i < m.length; i++) {
                m[i] = new Entry(2 + i);
            }
            root = u.unfold(from, new State(new Entry(0), new Entry(1), m, null));
        } catch (TooBig e) {
            return insns;
        }
        for (int pass = 0; pass < 8; pass++) {
            Node pruned = new Pruner(u).prune(root);
            if (pruned == root) {
                break;
            }
            root = pruned;
        }
        List<Node> order = new ArrayList<>();
        postOrder(root, new IdentityHashMap<>(), order);
        Collections.reverse(order);
        Map<Node, CodeGen.Insn> placed = new IdentityHashMap<>();
        for (Node n : order) {
            placed.put(n, new CodeGen.Insn(n.code(), n.k(), null, null));
        }
        List<CodeGen.Insn> out = new ArrayList<>(insns.subList(0, from));
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            CodeGen.Insn in = placed.get(n);
            out.add(in);
            if (n.t() != null) {
                in.jt = new CodeGen.Label(placed.get(n.t()));
                in.jf = new CodeGen.Label(placed.get(n.f()));
            } else if (n.next() != null && (i + 1 == order.size() || order.get(i + 1) != n.next())) {
                out.add(new CodeGen.Insn(Bpf.JMP | Bpf.JA, 0, new CodeGen.Label(placed.get(n.next())), null));
            }
        }
        // Unfolding can duplicate code; keep the original when the copy grows past half the limit.
        return out.size() <= Math.max(insns.size(), BpfProgram.MAX_INSTRUCTIONS / 2) ? out : insns;
    }

    private static void postOrder(Node n, Map<Node, Boolean> seen, List<Node> out) {
        if (n == null || seen.put(n, Boolean.TRUE) != null) {
            return;
        }
        postOrder(n.t(), seen, out);
        postOrder(n.f(), seen, out);
        postOrder(n.next(), seen, out);
        out.add(n);
    }
}
