package rawsock.filter;

import rawsock.packet.EtherType;

/**
 * A classic BPF interpreter that behaves like the Linux socket-filter path for the instructions
 * this project uses: loads that fall outside the packet end the program with 0 (drop), negative
 * offsets reach the network header (SKF_NET_OFF), the link-layer header (SKF_LL_OFF) or skb
 * metadata (SKF_AD_OFF), as net/core/filter.c does.
 */
public final class BpfInterpreter {

    /**
     * What the kernel shows a filter. {@code buf} is the buffer from skb-&gt;head, {@code dataOff}
     * is skb-&gt;data (offset 0 for the program, everything up to the end is skb-&gt;len),
     * {@code netOff} the network header and {@code macOff} the link-layer header (-1: none).
     */
    public record Skb(byte[] buf, int dataOff, int netOff, int macOff, boolean vlanPresent, int vlanTci,
               int protocol) {

        /** A packet socket frame: data and link header at 0, network header after Ethernet. */
        public static Skb ethernet(byte[] frame) {
            return new Skb(frame, 0, 14, 0, false, 0, 0);
        }

        /** A packet socket frame whose outer VLAN tag the kernel moved into metadata. */
        public static Skb ethernetWithTag(byte[] frame, int tci) {
            return new Skb(frame, 0, 14, 0, true, tci, 0);
        }

        /** An AF_INET raw socket: data and network header at the IPv4 header. */
        public static Skb ipv4Raw(byte[] packet) {
            return new Skb(packet, 0, 0, -1, false, 0, EtherType.IPV4);
        }

        /** An AF_INET6 raw socket: network header at 0, data at the transport header. */
        public static Skb ipv6Raw(byte[] packet, int transportOffset) {
            return new Skb(packet, transportOffset, 0, -1, false, 0, EtherType.IPV6);
        }

        /** Bytes from skb-&gt;data. */
        public static Skb plain(byte[] packet) {
            return new Skb(packet, 0, -1, -1, false, 0, 0);
        }

        public int len() {
            return buf.length - dataOff;
        }
    }

    /** A load that the kernel would refuse at run time: the program returns 0. */
    private static final class Drop extends Exception {
        private static final long serialVersionUID = 1L;

        Drop() {
            super(null, null, false, false);
        }
    }

    private BpfInterpreter() {
    }

    /** Runs the program and returns its verdict (0 = drop, else the number of bytes to keep). */
    public static int run(BpfProgram p, Skb skb) {
        int n = p.size();
        int a = 0;
        int x = 0;
        int[] mem = new int[Bpf.MEMWORDS];
        boolean[] written = new boolean[Bpf.MEMWORDS];
        int pc = 0;
        int steps = 0;
        try {
            while (true) {
                if (pc < 0 || pc >= n) {
                    throw new IllegalStateException("pc " + pc + " left the program");
                }
                if (++steps > n) {
                    throw new IllegalStateException("more steps than instructions: a jump went backwards");
                }
                int code = Short.toUnsignedInt(p.code(pc));
                int k = p.k(pc);
                int jt = Byte.toUnsignedInt(p.jt(pc));
                int jf = Byte.toUnsignedInt(p.jf(pc));
                switch (Bpf.cls(code)) {
                    case Bpf.LD:
                        switch (Bpf.mode(code)) {
                            case Bpf.IMM:
                                a = k;
                                break;
                            case Bpf.ABS:
                                a = loadAbs(skb, k, Bpf.sizeBytes(code));
                                break;
                            case Bpf.IND:
                                a = loadBytes(skb, x + k, Bpf.sizeBytes(code));
                                break;
                            case Bpf.MEM:
                                a = readMem(mem, written, k);
                                break;
                            case Bpf.LEN:
                                a = skb.len();
                                break;
                            default:
                                throw new IllegalStateException("bad ld mode at " + pc);
                        }
                        pc++;
                        break;
                    case Bpf.LDX:
                        switch (Bpf.mode(code)) {
                            case Bpf.IMM:
                                x = k;
                                break;
                            case Bpf.MEM:
                                x = readMem(mem, written, k);
                                break;
                            case Bpf.LEN:
                                x = skb.len();
                                break;
                            case Bpf.MSH:
                                x = (loadBytes(skb, k, 1) & 0xf) << 2;
                                break;
                            default:
                                throw new IllegalStateException("bad ldx mode at " + pc);
                        }
                        pc++;
                        break;
                    case Bpf.ST:
                        mem[k] = a;
                        written[k] = true;
                        pc++;
                        break;
                    case Bpf.STX:
                        mem[k] = x;
                        written[k] = true;
                        pc++;
                        break;
                    case Bpf.ALU: {
                        int operand = Bpf.src(code) == Bpf.X ? x : k;
                        switch (Bpf.op(code)) {
                            case Bpf.ADD:
                                a += operand;
                                break;
                            case Bpf.SUB:
                                a -= operand;
                                break;
                            case Bpf.MUL:
                                a *= operand;
                                break;
                            case Bpf.DIV:
                                if (operand == 0) {
                                    return 0;
                                }
                                a = Integer.divideUnsigned(a, operand);
                                break;
                            case Bpf.MOD:
                                if (operand == 0) {
                                    return 0;
                                }
                                a = Integer.remainderUnsigned(a, operand);
                                break;
                            case Bpf.OR:
                                a |= operand;
                                break;
                            case Bpf.AND:
                                a &= operand;
                                break;
                            case Bpf.XOR:
                                a ^= operand;
                                break;
                            case Bpf.LSH:
                                a = operand >= 32 || operand < 0 ? 0 : a << operand;
                                break;
                            case Bpf.RSH:
                                a = operand >= 32 || operand < 0 ? 0 : a >>> operand;
                                break;
                            case Bpf.NEG:
                                a = -a;
                                break;
                            default:
                                throw new IllegalStateException("bad alu op at " + pc);
                        }
                        pc++;
                        break;
                    }
                    case Bpf.JMP: {
                        int operand = Bpf.src(code) == Bpf.X ? x : k;
                        if (Bpf.op(code) == Bpf.JA) {
                            pc += 1 + k;
                            continue;
                        }
                        pc += 1 + (Bpf.jumpTaken(Bpf.op(code), a, operand) ? jt : jf);
                        break;
                    }
                    case Bpf.RET:
                        switch (code & 0x18) {
                            case Bpf.K:
                                return k;
                            case Bpf.RET_A:
                                return a;
                            default:
                                return x;
                        }
                    case Bpf.MISC:
                        if ((code & 0xf8) == Bpf.TXA) {
                            a = x;
                        } else {
                            x = a;
                        }
                        pc++;
                        break;
                    default:
                        throw new IllegalStateException("bad class at " + pc);
                }
            }
        } catch (Drop d) {
            return 0;
        }
    }

    private static int readMem(int[] mem, boolean[] written, int k) {
        if (!written[k]) {
            throw new IllegalStateException("M[" + k + "] read before any store (the kernel refuses such programs)");
        }
        return mem[k];
    }

    /** BPF_ABS: ancillary data for the SKF_AD_OFF codes, else like BPF_IND. */
    private static int loadAbs(Skb skb, int k, int size) throws Drop {
        if (k >= Bpf.SKF_AD_OFF && k < Bpf.SKF_AD_OFF + 64 && ((k - Bpf.SKF_AD_OFF) % 4) == 0) {
            switch (k - Bpf.SKF_AD_OFF) {
                case Bpf.SKF_AD_PROTOCOL:
                    return skb.protocol();
                case Bpf.SKF_AD_VLAN_TAG:
                    return skb.vlanTci() & 0xffff;
                case Bpf.SKF_AD_VLAN_TAG_PRESENT:
                    return skb.vlanPresent() ? 1 : 0;
                default:
                    throw new UnsupportedOperationException("ancillary load " + (k - Bpf.SKF_AD_OFF));
            }
        }
        return loadBytes(skb, k, size);
    }

    /** Packet bytes at skb-&gt;data + off, or through the negative-offset helper. */
    private static int loadBytes(Skb skb, int off, int size) throws Drop {
        int at;
        if (off >= 0) {
            if ((long) off + size > skb.len()) {
                throw new Drop();
            }
            at = skb.dataOff() + off;
        } else {
            // bpf_internal_load_pointer_neg_helper
            if (off >= Bpf.SKF_NET_OFF) {
                if (skb.netOff() < 0) {
                    throw new Drop();
                }
                at = skb.netOff() + off - Bpf.SKF_NET_OFF;
            } else if (off >= Bpf.SKF_LL_OFF) {
                if (skb.macOff() < 0) {
                    throw new Drop();
                }
                at = skb.macOff() + off - Bpf.SKF_LL_OFF;
            } else {
                throw new Drop();
            }
            if (at < 0 || (long) at + size > skb.buf().length) {
                throw new Drop();
            }
        }
        byte[] b = skb.buf();
        int v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
