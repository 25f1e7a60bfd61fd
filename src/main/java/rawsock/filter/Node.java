package rawsock.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The boolean tree a filter expression becomes before code generation. Leaves are single
 * comparisons of a loaded value; constants come from primitives that cannot match on the target
 * and are folded away by the factory methods, so a tree is either one {@link Const} or has none.
 */
sealed interface Node permits Node.Const, Node.And, Node.Or, Node.Not, Node.Test {

    /** Height of the tree: bounds the code generator's recursion. */
    int depth();

    Node TRUE = new Const(true);
    Node FALSE = new Const(false);

    record Const(boolean value) implements Node {
        @Override
        public int depth() {
            return 1;
        }
    }

    record And(List<Node> kids, int depth) implements Node {
    }

    record Or(List<Node> kids, int depth) implements Node {
    }

    record Not(Node kid, int depth) implements Node {
    }

    /**
     * Load a value, optionally AND it with {@code mask}, and compare it with {@code value} using
     * the jump operation {@code op} (Bpf.JEQ, JGT, JGE or JSET; unsigned).
     */
    record Test(Load load, boolean masked, int mask, int op, int value) implements Node {
        @Override
        public int depth() {
            return 1;
        }
    }

    static Node test(Load load, int op, int value) {
        return new Test(load, false, 0, op, value);
    }

    static Node eq(Load load, int value) {
        return test(load, Bpf.JEQ, value);
    }

    static Node eqMasked(Load load, int mask, int value) {
        if (mask == 0) {
            return TRUE;
        }
        if (mask == -1) {
            return eq(load, value);
        }
        return new Test(load, true, mask, Bpf.JEQ, value & mask);
    }

    static Node not(Node n) {
        if (n instanceof Const c) {
            return c.value() ? FALSE : TRUE;
        }
        if (n instanceof Not nn) {
            return nn.kid();
        }
        return new Not(n, n.depth() + 1);
    }

    static Node and(Node... nodes) {
        return combine(true, List.of(nodes));
    }

    static Node or(Node... nodes) {
        return combine(false, List.of(nodes));
    }

    static Node and(List<Node> nodes) {
        return combine(true, nodes);
    }

    static Node or(List<Node> nodes) {
        return combine(false, nodes);
    }

    /** n-ary AND/OR with constant folding and flattening of same-operator children. */
    private static Node combine(boolean isAnd, List<Node> nodes) {
        List<Node> kids = new ArrayList<>();
        int depth = 0;
        for (Node n : nodes) {
            if (n instanceof Const c) {
                if (c.value() == isAnd) {
                    continue; // neutral element
                }
                return c; // absorbing element
            }
            if (isAnd && n instanceof And a) {
                kids.addAll(a.kids());
                depth = Math.max(depth, a.depth() - 1);
            } else if (!isAnd && n instanceof Or o) {
                kids.addAll(o.kids());
                depth = Math.max(depth, o.depth() - 1);
            } else {
                kids.add(n);
                depth = Math.max(depth, n.depth());
            }
        }
        if (kids.isEmpty()) {
            return isAnd ? TRUE : FALSE;
        }
        if (kids.size() == 1) {
            return kids.get(0);
        }
        return isAnd ? new And(List.copyOf(kids), depth + 1) : new Or(List.copyOf(kids), depth + 1);
    }

    /** Where a tested value comes from. */
    sealed interface Load permits Load.Abs, Load.Ind, Load.Transport4, Load.Mem {
        /** {@code ld{size} [k]}: packet bytes, or SKF_NET_OFF/SKF_AD_OFF areas for negative k. */
        record Abs(int size, int k) implements Load {
        }

        /**
         * {@code ldx M[LINK_SLOT]; ld{size} [x + k]}: a link-payload field whose offset depends on
         * how an 802.1Q tag was seen (in the frame or in skb metadata), decided in the prologue.
         */
        record Ind(int size, int k) implements Load {
        }

        /**
         * A field at offset {@code k} of the transport header that follows the IPv4 header at
         * {@code ip}: X = 4 * IHL, then {@code ld{size} [x + ip + k]}.
         */
        record Transport4(int size, Offset ip, int k) implements Load {
        }

        /** {@code ld M[slot]}: a value computed by the prologue. */
        record Mem(int slot) implements Load {
        }
    }

    /** A header position: a constant, or (variable) a constant plus the prologue's M[LINK_SLOT]. */
    record Offset(boolean variable, int k) {
        Offset plus(int n) {
            return new Offset(variable, k + n);
        }

        Load load(int size, int extra) {
            return variable ? new Load.Ind(size, k + extra) : new Load.Abs(size, k + extra);
        }
    }
}
