package rawsock.filter;

import java.util.BitSet;
import java.util.Objects;

/**
 * Which IP protocols an expression can match on a raw IP socket, read off its tree: the IPv4
 * Protocol field ({@code ip[9]}) or, on an IPv6 raw socket, the upper-layer protocol the prologue
 * finds, tried with each value 0..255 while every other test stays open (but the IP version,
 * which a raw socket of one family always knows). {@code udp port 53}
 * can match 17 only, {@code port 53} 6, 17 and 132, {@code host 10.0.0.1} any. A raw socket
 * sees one protocol, so this tells which socket a filter is for, and which it can never match on.
 */
public final class FilterProtocols {
    private enum Truth { TRUE, FALSE, OPEN }

    private FilterProtocols() {
    }

    /**
     * The protocols for which {@code expression} is not false whatever else the packet holds.
     *
     * @param target {@link FilterTarget#IPV4_RAW} or {@link FilterTarget#IPV6_RAW}
     * @throws FilterSyntaxException as {@link FilterCompiler#compile} would
     */
    public static BitSet possible(String expression, FilterTarget target) throws FilterSyntaxException {
        Objects.requireNonNull(target, "target");
        if (target == FilterTarget.ETHERNET) {
            throw new IllegalArgumentException("a packet socket sees every protocol");
        }
        BitSet possible = new BitSet(256);
        if (expression == null || expression.isBlank()) {
            possible.set(0, 256);
            return possible;
        }
        Node root = Parser.parse(expression, target).root();
        boolean v4 = target == FilterTarget.IPV4_RAW;
        Fields fields = new Fields(v4 ? new Node.Load.Abs(Bpf.B, 9) : new Node.Load.Mem(CodeGen.NEXTHDR_SLOT),
                new Node.Load.Abs(Bpf.B, v4 ? 0 : Bpf.SKF_NET_OFF), v4 ? 0x40 : 0x60);
        for (int protocol = 0; protocol < 256; protocol++) {
            if (eval(root, fields, protocol) != Truth.FALSE) {
                possible.set(protocol);
            }
        }
        return possible;
    }

    /** The loads whose values are known: the protocol (tried) and the version byte (the socket's family). */
    private record Fields(Node.Load protocol, Node.Load version, int versionByte) {
    }

    private static Truth eval(Node node, Fields field, int protocol) {
        if (node instanceof Node.Const c) {
            return c.value() ? Truth.TRUE : Truth.FALSE;
        }
        if (node instanceof Node.Not n) {
            Truth kid = eval(n.kid(), field, protocol);
            return kid == Truth.OPEN ? kid : kid == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
        }
        if (node instanceof Node.And a) {
            return combine(a.kids(), field, protocol, Truth.FALSE);
        }
        if (node instanceof Node.Or o) {
            return combine(o.kids(), field, protocol, Truth.TRUE);
        }
        Node.Test t = (Node.Test) node;
        int known;
        if (t.load().equals(field.protocol())) {
            known = protocol;
        } else if (t.load().equals(field.version()) && t.masked() && t.mask() == 0xf0) {
            known = field.versionByte();
        } else {
            return Truth.OPEN;
        }
        int value = t.masked() ? known & t.mask() : known;
        return Bpf.jumpTaken(t.op(), value, t.value()) ? Truth.TRUE : Truth.FALSE;
    }

    /** AND (absorbing FALSE) or OR (absorbing TRUE) of three-valued kids. */
    private static Truth combine(java.util.List<Node> kids, Fields field, int protocol, Truth absorbing) {
        boolean open = false;
        for (Node kid : kids) {
            Truth t = eval(kid, field, protocol);
            if (t == absorbing) {
                return absorbing;
            }
            open |= t == Truth.OPEN;
        }
        return open ? Truth.OPEN : absorbing == Truth.FALSE ? Truth.TRUE : Truth.FALSE;
    }
}
