package rawsock.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;

import rawsock.filter.Lexer.Kind;
import rawsock.filter.Lexer.Token;
import rawsock.packet.EtherType;
import rawsock.packet.IpProtocol;
import rawsock.text.DottedQuads;
import rawsock.text.Numbers;

/**
 * Recursive-descent parser for the filter language; builds the {@link Node} tree directly
 * through {@link Layers}. See {@link FilterCompiler} for the grammar.
 */
final class Parser {
    /** Parentheses may nest this deep. */
    static final int MAX_PAREN_DEPTH = 64;
    /** The boolean tree may be this high (and/or alternations, parentheses, negations). */
    static final int MAX_TREE_DEPTH = 200;
    /** More primitives than this cannot fit in BPF_MAXINSNS anyway. */
    static final int MAX_PRIMITIVES = 4096;

    private static final Map<String, Integer> PROTO_NAMES = Map.ofEntries(
            Map.entry("icmp", IpProtocol.ICMP), Map.entry("igmp", IpProtocol.IGMP), Map.entry("tcp", IpProtocol.TCP),
            Map.entry("udp", IpProtocol.UDP), Map.entry("gre", IpProtocol.GRE), Map.entry("esp", IpProtocol.ESP),
            Map.entry("ah", IpProtocol.AH), Map.entry("icmp6", IpProtocol.ICMP6), Map.entry("ospf", IpProtocol.OSPF),
            Map.entry("pim", IpProtocol.PIM), Map.entry("vrrp", IpProtocol.VRRP), Map.entry("sctp", IpProtocol.SCTP));

    private static final Map<String, Integer> ETHER_PROTO_NAMES = Map.of(
            "ip", EtherType.IPV4, "ip6", EtherType.IPV6, "arp", EtherType.ARP, "rarp", EtherType.RARP);

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "host", "net", "mask", "port",
            "portrange", "src", "dst", "proto", "ip", "ip6", "arp", "rarp", "icmp", "icmp6", "igmp", "tcp",
            "udp", "sctp", "ether", "vlan");

    /** tcpdump words this language does not implement: refused with a clear message. */
    private static final Set<String> UNSUPPORTED = Set.of("less", "greater", "len", "broadcast", "multicast",
            "gateway", "protochain", "mpls", "pppoed", "pppoes", "geneve", "vxlan", "inbound", "outbound",
            "ifname", "on", "llc", "wlan", "fddi", "tr", "decnet", "iso", "stp", "ipx", "atalk", "aarp", "lat",
            "type", "subtype", "dir", "ra", "ta", "addr1", "addr2", "addr3", "addr4", "icmptype", "icmpcode",
            "tcpflags", "tcp-syn", "tcp-ack", "tcp-fin", "tcp-rst", "tcp-push", "tcp-urg", "clnp", "esis", "isis",
            "netbeui", "sca", "moprc", "mopdl", "rnr", "rulenum", "reason", "rset", "srnr", "subrulenum",
            "action", "slip", "link", "ppp", "radio", "carp");

    private static final int[] PORT_PROTOS = {IpProtocol.TCP, IpProtocol.UDP, IpProtocol.SCTP};

    private enum Type { HOST, NET, PORT, PORTRANGE, ETHER_HOST }

    /** The qualifiers of the latest host/net/port primitive: a bare value reuses them (tcpdump). */
    private record Qual(Token proto, Layers.Dir dir, Type type, boolean impliedHost) {
    }

    private final List<Token> toks;
    private final Layers layers;
    private int i;
    private Qual last;
    /**
     * The latest port primitive, its qualifiers and its ports: {@code port 80 or 443} becomes one
     * primitive that compares the source port with every value before it loads the destination
     * port, as libpcap's optimizer orders it (on a frame cut short after the source port, both
     * accept a source port 443).
     */
    private Node portNode;
    private Qual portQual;
    private List<Integer> portValues = List.of();
    private int primitives;
    private Token firstImpossible;

    private Parser(List<Token> toks, FilterTarget target) {
        this.toks = toks;
        this.layers = new Layers(target);
    }

    /** The parse result: a tree (possibly a constant), and the first primitive that cannot match. */
    record Result(Node root, Token firstImpossible) {
    }

    /** Parses a non-blank expression. */
    static Result parse(String expression, FilterTarget target) throws FilterSyntaxException {
        Parser p = new Parser(Lexer.tokenize(expression), target);
        Node root = p.parseSequence(0);
        Token t = p.peek();
        if (t.kind == Kind.RPAREN) {
            throw err("unbalanced parentheses: this ')' has no matching '('", t);
        }
        if (t.kind != Kind.END) {
            throw err("expected 'and', 'or' or the end of the expression", t);
        }
        return new Result(root, p.firstImpossible);
    }

    // ---- token helpers ------------------------------------------------------------------------

    private Token peek() {
        return toks.get(i);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(i);
        if (t.kind != Kind.END) {
            i++;
        }
        return t;
    }

    private String afterPrevious() {
        return i == 0 ? "" : " after '" + toks.get(i - 1).text + "'";
    }

    private static FilterSyntaxException err(String what, Token t) {
        return new FilterSyntaxException(what, t.pos, t.text);
    }

    private static boolean isAnd(Token t) {
        return t.kind == Kind.AMPAMP || t.isWord("and");
    }

    private static boolean isOr(Token t) {
        return t.kind == Kind.BARBAR || t.isWord("or");
    }

    // ---- expressions --------------------------------------------------------------------------

    /** unary { (and|or) unary }: equal precedence, left to right, as pcap-filter(7) says. */
    private Node parseSequence(int parenDepth) throws FilterSyntaxException {
        Node left = parseUnary(parenDepth);
        while (true) {
            Token op = peek();
            boolean and = isAnd(op);
            if (!and && !isOr(op)) {
                return left;
            }
            next();
            Node previousPort = portNode;
            Qual previousQual = portQual;
            List<Integer> previousValues = portValues;
            Node right = parseUnary(parenDepth);
            if (!and && left == previousPort && right == portNode && previousQual == portQual
                    && portQual.dir() != Layers.Dir.BOTH) {
                // "port A or B": one primitive (see portNode); "src and dst" cannot be split so.
                List<Integer> merged = new java.util.ArrayList<>(previousValues);
                merged.addAll(portValues);
                portValues = List.copyOf(merged);
                left = layers.port(portProtos(portQual), portQual.dir(), portValues);
                portNode = left;
                continue;
            }
            left = and ? Node.and(left, right) : Node.or(left, right);
            if (left.depth() > MAX_TREE_DEPTH) {
                throw err("expression nested too deeply (more than " + MAX_TREE_DEPTH
                        + " levels of alternating and/or, parentheses and not)", op);
            }
        }
    }

    /** { not | ! } ( '(' sequence ')' | primitive ). */
    private Node parseUnary(int parenDepth) throws FilterSyntaxException {
        int nots = 0;
        while (peek().kind == Kind.BANG || peek().isWord("not")) {
            next();
            nots++;
        }
        Token t = peek();
        Node n;
        if (t.kind == Kind.LPAREN) {
            if (parenDepth >= MAX_PAREN_DEPTH) {
                throw err("parentheses nested too deeply (more than " + MAX_PAREN_DEPTH + " levels)", t);
            }
            next();
            if (peek().kind == Kind.RPAREN) {
                throw err("expected a filter primitive inside the parentheses", peek());
            }
            n = parseSequence(parenDepth + 1);
            Token close = peek();
            if (close.kind == Kind.RPAREN) {
                next();
            } else if (close.kind == Kind.END) {
                throw err("unbalanced parentheses: this '(' is never closed", t);
            } else {
                throw err("expected 'and', 'or' or ')'", close);
            }
        } else {
            n = parsePrimitive();
        }
        if (nots % 2 == 1) {
            n = Node.not(n);
            if (n.depth() > MAX_TREE_DEPTH) {
                throw err("expression nested too deeply (more than " + MAX_TREE_DEPTH + " levels)", t);
            }
        }
        return n;
    }

    // ---- primitives ---------------------------------------------------------------------------

    private Node parsePrimitive() throws FilterSyntaxException {
        Token t = peek();
        if (t.kind != Kind.WORD || isAnd(t) || isOr(t)) {
            throw err("expected a filter primitive" + afterPrevious(), t);
        }
        if (++primitives > MAX_PRIMITIVES) {
            throw err("expression too long (more than " + MAX_PRIMITIVES + " primitives)", t);
        }
        Node n = primitive(t);
        if (n instanceof Node.Const c && !c.value() && firstImpossible == null) {
            firstImpossible = t;
        }
        return n;
    }

    private Node primitive(Token t) throws FilterSyntaxException {
        switch (t.text) {
            case "ip":
            case "ip6":
            case "arp":
            case "rarp":
                return networkProtocol(t);
            case "tcp":
            case "udp":
            case "sctp":
                return transportProtocol(t);
            case "icmp":
                next();
                return layers.ip4Proto(IpProtocol.ICMP);
            case "igmp":
                next();
                return layers.ip4Proto(IpProtocol.IGMP);
            case "icmp6":
                next();
                return layers.ip6Proto(IpProtocol.ICMP6);
            case "proto":
                next();
                return layers.proto(protoValue(t));
            case "src":
            case "dst":
            case "host":
            case "net":
            case "port":
            case "portrange":
                return qualified(null);
            case "ether":
                return ether(t);
            case "vlan":
                return vlan(t);
            case "mask":
                throw err("'mask' must follow 'net ADDR'", t);
            case "not":
                throw err("expected a filter primitive" + afterPrevious(), t);
            default:
                break;
        }
        String w = t.text;
        if (UNSUPPORTED.contains(w)) {
            throw err("'" + w + "' is not supported by this filter language", t);
        }
        if (looksLikeValue(w)) {
            return bareValue(t);
        }
        if (KEYWORDS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
            throw err("unknown keyword (keywords are lower case)", t);
        }
        throw err("unknown keyword (host names are not resolved either: give an address)", t);
    }

    private static boolean looksLikeValue(String w) {
        char c = w.charAt(0);
        return (c >= '0' && c <= '9') || w.indexOf('.') >= 0 || w.indexOf(':') >= 0 || w.indexOf('/') >= 0;
    }

    /** ip | ip6 | arp | rarp, alone or qualifying proto/host/net/src/dst. */
    private Node networkProtocol(Token t) throws FilterSyntaxException {
        next();
        Token n = peek();
        if (n.isWord("proto")) {
            if (!t.text.equals("ip") && !t.text.equals("ip6")) {
                throw err("'proto' goes with 'ip' or 'ip6', not '" + t.text + "'", n);
            }
            next();
            int p = protoValue(n);
            return t.text.equals("ip") ? layers.ip4Proto(p) : layers.ip6Proto(p);
        }
        if (n.isWord("src") || n.isWord("dst") || n.isWord("host") || n.isWord("net")) {
            return qualified(t);
        }
        if (n.isWord("port") || n.isWord("portrange")) {
            throw err("'" + n.text + "' cannot be qualified by '" + t.text
                    + "' (write 'tcp " + n.text + "', 'udp " + n.text + "' or just '" + n.text + "')", n);
        }
        switch (t.text) {
            case "ip":
                return layers.ip4();
            case "ip6":
                return layers.ip6();
            case "arp":
                return layers.arp();
            default:
                return layers.rarp();
        }
    }

    /** tcp | udp | sctp, alone or qualifying port/portrange/src/dst. */
    private Node transportProtocol(Token t) throws FilterSyntaxException {
        next();
        Token n = peek();
        if (n.isWord("src") || n.isWord("dst") || n.isWord("port") || n.isWord("portrange")) {
            return qualified(t);
        }
        if (n.isWord("host") || n.isWord("net")) {
            throw err("'" + n.text + "' cannot be qualified by '" + t.text + "'", n);
        }
        return layers.proto(PROTO_NAMES.get(t.text));
    }

    private Layers.Dir direction() {
        Token d = peek();
        if (!d.isWord("src") && !d.isWord("dst")) {
            return Layers.Dir.ANY;
        }
        next();
        Token op = peek();
        String other = d.text.equals("src") ? "dst" : "src";
        if ((isOr(op) || isAnd(op)) && peek(1).isWord(other)) {
            next();
            next();
            return isOr(op) ? Layers.Dir.ANY : Layers.Dir.BOTH;
        }
        return d.text.equals("src") ? Layers.Dir.SRC : Layers.Dir.DST;
    }

    /** [proto] [dir] (host|net|port|portrange) VALUE, or [proto] dir VALUE (host implied). */
    private Node qualified(Token proto) throws FilterSyntaxException {
        boolean hasDir = peek().isWord("src") || peek().isWord("dst");
        Layers.Dir dir = direction();
        Token kw = peek();
        Type type;
        boolean implied = false;
        if (kw.isWord("host")) {
            type = Type.HOST;
        } else if (kw.isWord("net")) {
            type = Type.NET;
        } else if (kw.isWord("port")) {
            type = Type.PORT;
        } else if (kw.isWord("portrange")) {
            type = Type.PORTRANGE;
        } else if (hasDir) {
            type = Type.HOST;
            implied = true;
        } else {
            throw err("expected 'host', 'net', 'port' or 'portrange'" + afterPrevious(), kw);
        }
        if (!implied) {
            next();
        }
        if (proto != null) {
            boolean transport = proto.text.equals("tcp") || proto.text.equals("udp") || proto.text.equals("sctp");
            boolean portType = type == Type.PORT || type == Type.PORTRANGE;
            if (transport && implied) {
                throw err("expected 'port' or 'portrange'" + afterPrevious(), kw);
            }
            if (transport != portType) {
                throw err("'" + kw.text + "' cannot be qualified by '" + proto.text + "'", kw);
            }
        }
        Qual q = new Qual(proto, dir, type, implied);
        last = q;
        Token v = peek();
        if (v.kind != Kind.WORD || isAnd(v) || isOr(v) || KEYWORDS.contains(v.text)) {
            throw err(expectedValue(type) + afterPrevious(), v);
        }
        next();
        return value(q, v);
    }

    private static String expectedValue(Type type) {
        switch (type) {
            case HOST:
                return "expected an IPv4 or IPv6 address";
            case NET:
                return "expected a network (ADDR/LEN, or a dotted prefix such as 10.1)";
            case PORT:
                return "expected a port number";
            case PORTRANGE:
                return "expected a port range such as 6000-6010";
            default:
                return "expected a MAC address";
        }
    }

    /** A value without keywords: reuses the latest qualifiers, else an address means 'host'. */
    private Node bareValue(Token t) throws FilterSyntaxException {
        Qual q = last;
        if (q == null) {
            if (Character.isDigit(t.text.charAt(0)) && t.text.indexOf('.') < 0 && t.text.indexOf(':') < 0) {
                throw err("a bare number needs a keyword before it (e.g. 'port', 'proto', 'vlan')", t);
            }
            q = new Qual(null, Layers.Dir.ANY, Type.HOST, true);
        }
        next();
        return value(q, t);
    }

    private Node value(Qual q, Token v) throws FilterSyntaxException {
        switch (q.type()) {
            case HOST:
                return hostValue(q, v);
            case NET:
                return netValue(q, v);
            case PORT: {
                int port = portNumber(v);
                portValues = List.of(port);
                portQual = q;
                portNode = layers.port(portProtos(q), q.dir(), portValues);
                return portNode;
            }
            case PORTRANGE:
                return portRange(q, v);
            case ETHER_HOST:
            default: {
                byte[] mac = Literals.mac(v.text);
                if (mac == null) {
                    throw err("invalid MAC address (expected e.g. 02:00:5e:10:00:01)", v);
                }
                return layers.etherHost(mac, q.dir());
            }
        }
    }

    private int[] portProtos(Qual q) {
        return q.proto() == null ? PORT_PROTOS : new int[] {PROTO_NAMES.get(q.proto().text)};
    }

    private Layers.V4Scope v4Scope(Qual q, Token v) throws FilterSyntaxException {
        if (q.proto() == null) {
            return Layers.V4Scope.IP_ARP_RARP;
        }
        switch (q.proto().text) {
            case "ip":
                return Layers.V4Scope.IP;
            case "arp":
                return Layers.V4Scope.ARP;
            case "rarp":
                return Layers.V4Scope.RARP;
            default:
                throw err("'" + q.proto().text + "' does not go with an IPv4 address", v);
        }
    }

    private void requireV6Scope(Qual q, Token v) throws FilterSyntaxException {
        if (q.proto() != null && !q.proto().text.equals("ip6")) {
            throw err("'" + q.proto().text + "' does not go with an IPv6 address", v);
        }
    }

    private Node hostValue(Qual q, Token v) throws FilterSyntaxException {
        String s = v.text;
        if (s.indexOf('/') >= 0) {
            throw err(q.impliedHost() ? "a network needs 'net' (e.g. 'src net 10.0.0.0/8')"
                    : "'host' takes one address; use 'net ADDR/LEN' for a network", v);
        }
        Integer a4 = Literals.v4(s);
        if (a4 != null) {
            return layers.host4(a4, -1, q.dir(), v4Scope(q, v));
        }
        int[] a6 = Literals.v6(s);
        if (a6 != null) {
            requireV6Scope(q, v);
            return layers.host6(a6, 128, q.dir());
        }
        if (Literals.mac(s) != null) {
            throw err("that is a MAC address: use 'ether host'", v);
        }
        throw badAddress(v);
    }

    private static FilterSyntaxException badAddress(Token v) {
        String s = v.text;
        if (s.indexOf(':') >= 0) {
            return err("invalid IPv6 address", v);
        }
        if (Literals.v4Prefix(s) != null) {
            return err("incomplete IPv4 address (a host needs all four parts; use 'net' for a network)", v);
        }
        boolean numeric = s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        if (numeric) {
            return err("invalid IPv4 address", v);
        }
        return err("host names are not resolved: give an IPv4 or IPv6 address", v);
    }

    private Node netValue(Qual q, Token v) throws FilterSyntaxException {
        String s = v.text;
        int slash = s.indexOf('/');
        String addrText = slash >= 0 ? s.substring(0, slash) : s;
        String lenText = slash >= 0 ? s.substring(slash + 1) : null;
        if (addrText.indexOf(':') >= 0) {
            int[] a6 = Literals.v6(addrText);
            if (a6 == null) {
                throw err("invalid IPv6 network", v);
            }
            requireV6Scope(q, v);
            int len = lenText == null ? 128 : prefixLength(lenText, 128, v);
            for (int w = 0; w < 4; w++) {
                int bits = Math.max(0, Math.min(32, len - 32 * w));
                int mask = bits == 0 ? 0 : bits == 32 ? -1 : (int) (0xFFFFFFFFL << (32 - bits));
                if ((a6[w] & ~mask) != 0) {
                    throw err("non-network bits set in the address (the prefix is /" + len + ")", v);
                }
            }
            return layers.host6(a6, len, q.dir());
        }
        DottedQuads.Prefix net = Literals.v4Prefix(addrText);
        if (net == null) {
            throw err(addrText.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') ? "invalid IPv4 network"
                    : "host names are not resolved: give a network address", v);
        }
        int mask;
        if (lenText != null) {
            int len = prefixLength(lenText, 32, v);
            mask = len == 0 ? 0 : (int) (0xFFFFFFFFL << (32 - len));
        } else if (peek().isWord("mask")) {
            next();
            Token m = peek();
            Integer mv = m.kind == Kind.WORD ? Literals.v4(m.text) : null;
            if (mv == null) {
                throw err("expected a dotted netmask such as 255.255.255.0 after 'mask'", m);
            }
            next();
            mask = mv;
        } else {
            mask = net.parts() == 4 ? -1 : (int) (0xFFFFFFFFL << (32 - 8 * net.parts()));
        }
        if ((net.address() & ~mask) != 0) {
            throw err("non-network bits set in the address for its mask", v);
        }
        return layers.host4(net.address(), mask, q.dir(), v4Scope(q, v));
    }

    private static int prefixLength(String text, int max, Token v) throws FilterSyntaxException {
        String invalid = "invalid prefix length (0-" + max + ")";
        return number(text, max, v, invalid, invalid, invalid);
    }

    private static int portNumber(Token v) throws FilterSyntaxException {
        return number(v.text, 65535, v, "expected a port number after 'port'",
                "ambiguous port number with a leading zero (tcpdump reads it as octal)", "port number out of range (0-65535)");
    }

    /**
     * A number literal ({@link Literals#NUMBER}) from 0 to {@code max}, or the error for what it
     * is instead: not a number, a decimal with a leading zero, or one beyond {@code max}.
     */
    private static int number(String text, long max, Token v, String notANumber, String leadingZero, String outOfRange)
            throws FilterSyntaxException {
        try {
            long n = Numbers.parse(text, Literals.NUMBER);
            if (n <= max) {
                return (int) n;
            }
        } catch (Numbers.NumberException e) {
            if (e.problem() == Numbers.Problem.NOT_A_NUMBER) {
                throw err(notANumber, v);
            }
            if (e.problem() == Numbers.Problem.LEADING_ZERO) {
                throw err(leadingZero, v);
            }
        }
        throw err(outOfRange, v);
    }

    private Node portRange(Qual q, Token v) throws FilterSyntaxException {
        String s = v.text;
        int dash = s.indexOf('-');
        if (dash <= 0 || dash != s.lastIndexOf('-') || dash == s.length() - 1) {
            throw err("expected a port range such as 6000-6010", v);
        }
        int lo = portNumber(new Token(Kind.WORD, s.substring(0, dash), v.pos));
        int hi = portNumber(new Token(Kind.WORD, s.substring(dash + 1), v.pos + dash + 1));
        if (lo > hi) {
            int tmp = lo;
            lo = hi;
            hi = tmp;
        }
        return layers.portRange(portProtos(q), q.dir(), lo, hi);
    }

    private int protoValue(Token kw) throws FilterSyntaxException {
        Token v = peek();
        if (v.kind != Kind.WORD || isAnd(v) || isOr(v)) {
            throw err("expected a protocol number or name after '" + kw.text + "'", v);
        }
        next();
        String s = v.text.startsWith("\\") ? v.text.substring(1) : v.text;
        Integer named = PROTO_NAMES.get(s);
        if (named != null) {
            return named;
        }
        return number(s, 255, v, "expected a protocol number or name after '" + kw.text + "'",
                "ambiguous protocol number with a leading zero (tcpdump reads it as octal)", "protocol number out of range (0-255)");
    }

    // ---- link layer ---------------------------------------------------------------------------

    private void requireEthernet(Token t) throws FilterSyntaxException {
        if (layers.target() != FilterTarget.ETHERNET) {
            throw err("'" + t.text + "' needs a link-layer capture (recv --link): packets on a raw IP socket"
                    + " carry no Ethernet header", t);
        }
    }

    /**
     * ether proto N | ether [dir] host MAC | ether dir MAC. On raw IP sockets only {@code ether
     * proto} is allowed (as in libpcap for LINKTYPE_RAW): 0x0800 means IPv4, 0x86dd IPv6.
     */
    private Node ether(Token t) throws FilterSyntaxException {
        next();
        if (peek().isWord("proto")) {
            Token kw = next();
            Token v = peek();
            if (v.kind != Kind.WORD) {
                throw err("expected an EtherType number or ip, ip6, arp, rarp after 'proto'", v);
            }
            next();
            String s = v.text.startsWith("\\") ? v.text.substring(1) : v.text;
            Integer named = ETHER_PROTO_NAMES.get(s);
            if (named != null) {
                return layers.etherProto(named);
            }
            String expected = "expected an EtherType number (0-65535) or ip, ip6, arp, rarp after '" + kw.text + "'";
            return layers.etherProto(number(s, 0xffff, v, expected, expected, expected));
        }
        requireEthernet(t);
        boolean hasDir = peek().isWord("src") || peek().isWord("dst");
        Layers.Dir dir = direction();
        if (peek().isWord("host")) {
            next();
        } else if (!hasDir) {
            throw err("expected 'host', 'src', 'dst' or 'proto' after 'ether'", peek());
        }
        Qual q = new Qual(t, dir, Type.ETHER_HOST, false);
        last = q;
        Token v = peek();
        if (v.kind != Kind.WORD || isAnd(v) || isOr(v) || KEYWORDS.contains(v.text)) {
            throw err("expected a MAC address" + afterPrevious(), v);
        }
        next();
        return value(q, v);
    }

    /** vlan [ID]. */
    private Node vlan(Token t) throws FilterSyntaxException {
        next();
        requireEthernet(t);
        Integer id = null;
        Token v = peek();
        if (v.kind == Kind.WORD && Character.isDigit(v.text.charAt(0))) {
            String outOfRange = "VLAN ID out of range (0-4095)";
            id = number(v.text, 4095, v, outOfRange, outOfRange, outOfRange);
            next();
        }
        return layers.vlan(id);
    }
}
