package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.output.TextWriter;

/**
 * rawsock's text lines beside tcpdump -n's for the same packets (real captures, built ones, ICMP
 * timestamps): each length tcpdump says is said, in the same place, and once. An ICMP message's
 * length is its own (not the IP packet's); a frame's wire length follows its Ethernet header, as
 * with tcpdump -e; echo and timestamp messages read word for word as tcpdump writes them. Where
 * the lines differ on purpose (the IP header's fields, the ports with the transport) is in the
 * README.
 */
class TextTcpdumpTest {
    private static final Pattern LENGTH = Pattern.compile(", length (\\d+)");
    private static final Pattern REPEATED = Pattern.compile("length \\d+, length \\d+");

    @TempDir
    Path dir;

    @Test
    void ipPacketsReadLikeTcpdump() throws Exception {
        List<byte[]> packets = new ArrayList<>(List.of(Captures.all()));
        packets.addAll(List.of(Captures6.all()));
        packets.addAll(List.of(Built6.all()));
        packets.addAll(timestamps());
        int icmpCompared = compare(packets, LinkType.RAW);
        assertTrue(icmpCompared >= 5, "ICMP messages compared word for word: " + icmpCompared);
    }

    @Test
    void framesReadLikeTcpdumpE() throws Exception {
        compare(List.of(LinkCaptures.all()), LinkType.ETHERNET);
    }

    /** A timestamp request, the kernel-style reply, and a reply with non-standard (high-bit) values. */
    static List<byte[]> timestamps() {
        List<byte[]> out = new ArrayList<>();
        out.add(icmp(new IcmpBuilder().type(13).id(0x267d).seq(1), 73_022_044L, 0, 0));
        out.add(icmp(new IcmpBuilder().type(14).id(0x267d).seq(1), 73_022_044L, 73_022_093L, 73_022_093L));
        out.add(icmp(new IcmpBuilder().type(14).id(7).seq(2), 0x80000001L, 86_399_999L, 5L));
        return out;
    }

    private static byte[] icmp(IcmpBuilder icmp, long originate, long receive, long transmit) {
        ByteBuffer payload = ByteBuffer.allocate(12).putInt((int) originate).putInt((int) receive).putInt((int) transmit);
        payload.flip();
        ByteBuffer out = ByteBuffer.allocate(64);
        new Ipv4Builder().protocol(IpProtocol.ICMP).src(TestBytes.ip(127, 0, 0, 1)).dst(TestBytes.ip(127, 0, 0, 1))
                .build().emit(out, 8 + 12);
        icmp.build().emit(out, payload);
        return TestBytes.written(out);
    }

    /** Returns how many ICMP messages were compared word for word. */
    private int compare(List<byte[]> packets, LinkType link) throws Exception {
        String tcpdump = TcpdumpAgreesTest.tcpdump();
        Assumptions.assumeTrue(tcpdump != null, "tcpdump is not installed: the comparison with it is skipped");
        Path pcap = dir.resolve(link + ".pcap");
        TcpdumpAgreesTest.writePcap(pcap, packets, link.pcapCode());
        List<String> theirs = link == LinkType.ETHERNET
                ? TcpdumpAgreesTest.run(tcpdump, pcap, "-e") : TcpdumpAgreesTest.run(tcpdump, pcap);
        assertEquals(packets.size(), theirs.size(), String.join("\n", theirs));
        PacketDecoder decoder = new PacketDecoder();
        int icmpCompared = 0;
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            DecodedPacket decoded = decoder.decode(ByteBuffer.wrap(packet), link);
            String ours = line(packet, decoded);
            String their = theirs.get(i);
            String where = "packet " + i + "\n tcpdump: " + their + "\n rawsock: " + ours;
            assertFalse(REPEATED.matcher(ours).find(), "a length said twice: " + where);
            if (their.contains("[|") || ours.contains("[truncated") || ours.contains("bytes missing")
                    || ours.contains("[malformed")) {
                continue; // cut or broken: each tool says so its own way
            }
            // the innermost length tcpdump says (a payload's, an ICMP message's, an ARP's)
            Matcher last = LENGTH.matcher(their);
            String innermost = null;
            while (last.find()) {
                innermost = last.group();
            }
            Layer inner = decoded.size() == 0 ? null : decoded.layer(decoded.quotedStart() - 1);
            boolean saysItsLength = inner instanceof Icmp || inner instanceof Icmpv6 || inner instanceof Udp
                    || inner instanceof Tcp || inner instanceof Arp;
            if (innermost != null && saysItsLength && their.endsWith(innermost)) {
                assertTrue(ours.contains(innermost), "tcpdump's '" + innermost + "' missing: " + where);
            }
            if (link == LinkType.ETHERNET) {
                Matcher frame = Pattern.compile("\\), length (\\d+): ").matcher(their);
                if (frame.find()) {
                    assertTrue(ours.contains(frame.group()), "the frame's length after its Ethernet header: " + where);
                }
            }
            for (int l = 0; l < decoded.size(); l++) {
                if (decoded.layer(l) instanceof Icmp icmp && l < decoded.quotedStart() && icmp.has(0, 8)
                        && (IcmpTypes.hasIdSeq(icmp.type()))) {
                    StringBuilder words = new StringBuilder();
                    icmp.describe(words);
                    assertTrue(their.endsWith(words.toString()), "ICMP as tcpdump words it: " + where);
                    icmpCompared++;
                }
            }
        }
        return icmpCompared;
    }

    private static String line(byte[] packet, DecodedPacket decoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TextWriter writer = new TextWriter(out, false)) {
            PacketMeta meta = new PacketMeta().timestampNanos(0).ifindex(1).ifname("lo")
                    .wireLength(packet.length).capturedLength(packet.length);
            writer.write(meta, ByteBuffer.wrap(packet), decoded);
        }
        String line = out.toString(StandardCharsets.UTF_8).strip();
        return line.substring("1970-01-01T00:00:00.000000000Z lo ".length());
    }
}
