package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcpdump as the independent judge: the real frames and frames the builders made are written
 * to a pcap (LINKTYPE_ETHERNET, headers written here by hand so no project writer is involved),
 * and {@code tcpdump -e -nn -t -r} must agree with the decoder on the MACs and EtherType, every
 * VLAN tag (id, priority, DEI) and the ARP sentence. Skipped, with the reason, when tcpdump is
 * not installed.
 */
class LinkTcpdumpTest {
    private static final Pattern VLAN = Pattern.compile("vlan (\\d+), p (\\d)(, DEI)?");

    @TempDir
    Path dir;

    private static String tcpdump() {
        for (String candidate : new String[] {"/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/sbin/tcpdump",
            "/usr/local/bin/tcpdump", "/usr/local/sbin/tcpdump"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String part : path.split(":")) {
                if (!part.isEmpty() && Files.isExecutable(Path.of(part, "tcpdump"))) {
                    return Path.of(part, "tcpdump").toString();
                }
            }
        }
        return null;
    }

    /** The frames: every real capture, and frames the builders made. */
    private static List<byte[]> frames() {
        List<byte[]> frames = new ArrayList<>(List.of(LinkCaptures.all()));
        byte[] me = MacAddress.parse("02:00:5e:10:00:01");
        byte[] peer = MacAddress.parse("02:00:5e:10:00:02");
        byte[] ip1 = TestBytes.ip(192, 0, 2, 1);
        byte[] ip2 = TestBytes.ip(192, 0, 2, 2);

        ByteBuffer out = ByteBuffer.allocate(128);
        EthernetBuilder eth = new EthernetBuilder().dst(MacAddress.broadcast()).src(me).etherType(EtherType.ARP)
                .padToMinimum(true);
        eth.build().emit(out);
        ArpBuilder.gratuitous(me, ip1).build().emit(out);
        eth.finish(out, 0);
        frames.add(TestBytes.written(out));

        out = ByteBuffer.allocate(128);
        eth = new EthernetBuilder().dst(peer).src(me).vlan(EthernetBuilder.TPID_8021AD, 5, true, 4000)
                .vlan(EthernetBuilder.TPID_8021Q, 7, false, 1).vlan(EtherType.QINQ_9100, 0, true, 0)
                .etherType(EtherType.ARP);
        eth.build().emit(out);
        ArpBuilder.reply(me, ip1, peer, ip2).build().emit(out);
        frames.add(TestBytes.written(out));

        out = ByteBuffer.allocate(128);
        eth = new EthernetBuilder().dst(me).src(peer).vlan(42).etherType(EtherType.ARP).padToMinimum(true);
        eth.build().emit(out);
        ArpBuilder.request(peer, ip2, ip1).targetMac(me).build().emit(out);
        eth.finish(out, 0);
        frames.add(TestBytes.written(out));

        out = ByteBuffer.allocate(18 + Captures.DNS_RESPONSE.length);
        eth = new EthernetBuilder().dst(peer).src(me).vlan(3000).etherType(EtherType.IPV4);
        eth.build().emit(out);
        out.put(Captures.DNS_RESPONSE);
        frames.add(TestBytes.written(out));
        return frames;
    }

    @Test
    void tcpdumpAgreesOnMacsVlansAndArp() throws Exception {
        String tcpdump = tcpdump();
        Assumptions.assumeTrue(tcpdump != null, "tcpdump is not installed: the cross-check against it is skipped");
        List<byte[]> frames = frames();
        Path file = dir.resolve("link.pcap");
        TcpdumpAgreesTest.writePcap(file, frames, LinkType.ETHERNET.pcapCode());

        Process process = new ProcessBuilder(tcpdump, "-e", "-nn", "-t", "-r", file.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        process.getOutputStream().close();
        String stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tcpdump did not finish");
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), stderr + stdout);
        assertTrue(stderr.contains("EN10MB"), stderr);
        String[] lines = stdout.split("\n");
        assertEquals(frames.size(), lines.length, stdout);

        PacketDecoder decoder = new PacketDecoder();
        int arps = 0;
        int tags = 0;
        for (int i = 0; i < frames.size(); i++) {
            String line = lines[i];
            DecodedPacket p = decoder.decode(ByteBuffer.wrap(frames.get(i)), LinkType.ETHERNET);
            Ethernet eth = (Ethernet) p.layer(0);

            // "src > dst, ethertype X (0x....), length N: ..." or "src > dst, 802.3, length N: ..."
            String ours = TestBytes.describe(eth);
            String head = eth.is8023() ? ours.substring(0, ours.indexOf(", LLC")) : ours;
            assertTrue(line.startsWith(head + (eth.is8023() ? ": " : ", length ")), "frame " + i + "\n  ours:    "
                    + head + "\n  tcpdump: " + line);

            List<String> theirTags = new ArrayList<>();
            Matcher m = VLAN.matcher(line);
            while (m.find()) {
                theirTags.add(m.group());
            }
            List<String> ourTags = new ArrayList<>();
            for (int l = 1; l < p.size() && p.layer(l) instanceof Vlan; l++) {
                Vlan v = (Vlan) p.layer(l);
                ourTags.add("vlan " + v.vid() + ", p " + v.pcp() + (v.dei() ? ", DEI" : ""));
                assertTrue(line.contains(TestBytes.describe(v)), "frame " + i + ": " + TestBytes.describe(v)
                        + "\n  tcpdump: " + line);
            }
            assertEquals(ourTags, theirTags, "frame " + i + ": " + line);
            tags += ourTags.size();

            Layer last = p.layer(p.size() - 1);
            if (last instanceof Arp) {
                String sentence = TestBytes.describe(last);
                assertTrue(sentence.startsWith("ARP, "), sentence);
                String expected = " " + sentence.substring("ARP, ".length());
                assertTrue(line.endsWith(expected), "frame " + i + "\n  ours:    " + expected + "\n  tcpdump: " + line);
                arps++;
            }
        }
        assertEquals(11, arps, "every ARP frame was compared");
        assertEquals(13, tags, "every tag was compared");
    }
}
