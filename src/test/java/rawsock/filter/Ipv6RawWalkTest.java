package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

/**
 * IPV6_RAW: the prologue's walk over extension headers, on packets built here (checksums do not
 * matter to a filter). The socket's data starts at the upper-layer header, as the kernel hands it.
 */
class Ipv6RawWalkTest {
    private static final byte[] SRC = Packets.hex("20010db8000000000000000000000001");
    private static final byte[] DST = Packets.hex("20010db8000000000000000000000002");
    private static final byte[] UDP_1111_2222 = Packets.hex("045708ae00090000" + "78");

    /** An IPv6 packet: fixed header, then {type, header bytes} pairs, then the upper layer. */
    private static BpfInterpreter.Skb packet(int firstNextHeader, byte[][] extensions, byte[] upper) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (byte[] e : extensions) {
            ext.writeBytes(e);
        }
        int payload = ext.size() + upper.length;
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0x60, 0, 0, 0, (byte) (payload >> 8), (byte) payload, (byte) firstNextHeader, 64});
        p.writeBytes(SRC);
        p.writeBytes(DST);
        p.writeBytes(ext.toByteArray());
        p.writeBytes(upper);
        return BpfInterpreter.Skb.ipv6Raw(p.toByteArray(), 40 + ext.size());
    }

    /** An 8-byte-unit extension header (HBH, Routing, Destination Options) of 8 bytes. */
    private static byte[] ext8(int next) {
        return new byte[] {(byte) next, 0, 1, 4, 0, 0, 0, 0};
    }

    private static boolean accepts(String expr, BpfInterpreter.Skb skb) throws FilterSyntaxException {
        BpfProgram p = FilterCompiler.compile(expr, FilterTarget.IPV6_RAW);
        KernelRules.check(p);
        return BpfInterpreter.run(p, skb) != 0;
    }

    @Test
    void walksEveryKindOfExtensionHeader() throws FilterSyntaxException {
        byte[] routing = {60, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // 24 bytes
        byte[] frag = {51, 0, 0, 0, 0, 0, 0, 7}; // offset 0, id 7
        byte[] ah = {17, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // (4+2)*4 = 24 bytes
        BpfInterpreter.Skb skb = packet(0, new byte[][] {ext8(43), routing, ext8(44), frag, ah}, UDP_1111_2222);
        assertEquals(true, accepts("udp", skb));
        assertEquals(true, accepts("udp dst port 2222 and src port 1111", skb));
        assertEquals(true, accepts("ip6 proto 17", skb));
        assertEquals(false, accepts("tcp or icmp6", skb));
        assertEquals(true, accepts("host 2001:db8::2 and portrange 2000-3000", skb));
    }

    @Test
    void aChainLongerThanTheWalkMatchesNoProtocol() throws FilterSyntaxException {
        int n = CodeGen.IPV6_MAX_EXTENSION_HEADERS;
        byte[][] exts = new byte[n + 1][];
        for (int i = 0; i <= n; i++) {
            exts[i] = ext8(i == n ? 17 : 60);
        }
        BpfInterpreter.Skb tooLong = packet(60, exts, UDP_1111_2222);
        assertEquals(false, accepts("udp", tooLong));
        assertEquals(true, accepts("not udp", tooLong));
        assertEquals(true, accepts("ip6", tooLong));

        byte[][] justEnough = new byte[n][];
        for (int i = 0; i < n; i++) {
            justEnough[i] = ext8(i == n - 1 ? 17 : 60);
        }
        assertEquals(true, accepts("udp port 2222", packet(60, justEnough, UDP_1111_2222)));
    }

    @Test
    void espEndsTheWalk() throws FilterSyntaxException {
        BpfInterpreter.Skb esp = packet(50, new byte[0][], Packets.hex("0000000100000001aabbccdd"));
        assertEquals(true, accepts("ip6 proto 50", esp));
        assertEquals(false, accepts("udp or tcp", esp));
    }

    @Test
    void aTruncatedChainDropsThePacketAsTheKernelWould() throws FilterSyntaxException {
        // The Hop-by-Hop header claims 8 more bytes than the packet has; reading the next header's
        // length runs past the end, and a classic BPF load out of bounds returns 0 for the packet.
        byte[] hbh = {60, 0, 1, 4, 0, 0, 0, 0};
        BpfInterpreter.Skb skb = packet(0, new byte[][] {hbh}, new byte[0]);
        assertEquals(false, accepts("not udp", skb));
        // Without a protocol test there is no walk, and the header itself is readable.
        assertEquals(true, accepts("ip6 and host 2001:db8::1", skb));
    }
}
