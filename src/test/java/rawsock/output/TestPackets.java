package rawsock.output;

import java.nio.ByteBuffer;
import rawsock.packet.PacketMeta;

/**
 * Real packets, written out by hand (checksums computed, tcpdump -vv finds them correct), for
 * tests that hand our files to tcpdump. Addresses are loopback and the documentation networks
 * (192.0.2.0/24, 198.51.100.0/24); nothing is ever sent.
 */
final class TestPackets {
    /** IPv4 127.0.0.1 > 127.0.0.1 ttl 64 id 1 DF, ICMP echo request id 0x1234 seq 1, 84 bytes. */
    static final String ICMP_ECHO = "450000540001400040013ca67f0000017f00000108002cf612340001"
            + "101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "303132333435363738393a3b3c3d3e3f4041424344454647";

    /** IPv4 192.0.2.1.40001 > 198.51.100.2.9999 UDP, payload "hello rawsock", 41 bytes. */
    static final String UDP = "450000291c46400040113247c0000201c63364029c41270f00154811"
            + "68656c6c6f20726177736f636b";

    /** IPv4 192.0.2.1.40000 > 198.51.100.2.80 TCP SYN seq 1000 win 64240 mss 1460, 44 bytes. */
    static final String TCP_SYN = "4500002c2a2a40004006246bc0000201c63364029c400050000003e8"
            + "000000006002faf010860000020405b4";

    /** Ethernet 02:00:00:00:00:01 > 02:00:00:00:00:02 type IPv4 carrying {@link #ICMP_ECHO}. */
    static final String ETH_ICMP = "0200000000020200000000010800" + ICMP_ECHO;

    /** 2026-11-28T08:12:27.123456789Z */
    static final long TS = 1_795_853_547_123_456_789L;

    private TestPackets() {
    }

    static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(Hex.decode(hex));
    }

    /** A heap buffer whose packet does not start at array offset 0, to catch position bugs. */
    static ByteBuffer offsetBuffer(String hex) {
        byte[] packet = Hex.decode(hex);
        ByteBuffer b = ByteBuffer.allocate(packet.length + 10);
        b.position(7);
        b.put(packet);
        b.flip();
        b.position(7);
        return b.slice();
    }

    static PacketMeta meta(long ts, int length) {
        return new PacketMeta().timestampNanos(ts).ifindex(1).ifname("lo")
                .wireLength(length).capturedLength(length);
    }
}
