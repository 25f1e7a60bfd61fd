package rawsock.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.RecordedFields;

/**
 * tcpdump as the independent judge of the IPv6 decoding: the real captures and the packets the
 * tests build are written to a pcap (LINKTYPE_RAW, headers written by hand here), and for each
 * packet tcpdump -nn -v must print the addresses, hop limit, flow label and traffic class the
 * decoder found, and call every checksum good exactly when the decoder does.
 */
class TcpdumpAgreesTest {
    private static final int LINKTYPE_RAW = 101;

    @TempDir
    Path dir;

    static String tcpdump() {
        for (String path : new String[] {"/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/bin/tcpdump", "/sbin/tcpdump"}) {
            if (new File(path).canExecute()) {
                return path;
            }
        }
        return null;
    }

    @Test
    void tcpdumpReadsTheSameIpv6Packets() throws Exception {
        String tcpdump = tcpdump();
        if (tcpdump == null) {
            System.err.println("TcpdumpAgreesTest skipped: tcpdump is not installed");
        }
        Assumptions.assumeTrue(tcpdump != null, "tcpdump is not installed: the cross-check with tcpdump is skipped");
        List<byte[]> packets = new ArrayList<>(List.of(Captures6.all()));
        packets.addAll(List.of(Built6.all()));
        Path pcap = dir.resolve("ipv6.pcap");
        writePcap(pcap, packets);

        List<String> records = run(tcpdump, pcap, "-v");
        assertEquals(packets.size(), records.size(), String.join("\n", records));
        PacketDecoder decoder = new PacketDecoder();
        int checksumsCompared = 0;
        for (int i = 0; i < packets.size(); i++) {
            String line = records.get(i);
            DecodedPacket p = decoder.decode(ByteBuffer.wrap(packets.get(i)), LinkType.RAW);
            Ipv6 ip = (Ipv6) p.layer(0);
            String where = "packet " + i + ": " + line + "\n ours: " + TestBytes.describe(p);
            assertTrue(line.startsWith("IP6 ("), where);
            assertTrue(line.contains("hlim " + ip.hopLimit() + ","), where);
            assertEquals(ip.flowLabel() != 0, line.contains(String.format("flowlabel 0x%05x,", ip.flowLabel())), where);
            assertEquals(ip.trafficClass() != 0, line.contains(String.format("class 0x%02x,", ip.trafficClass())), where);
            assertTrue(line.contains("payload length: " + ip.payloadLength() + ")"), where);
            if (ip.fragmented()) {
                assertTrue(line.contains(") " + p.src() + " > " + p.dst() + String.format(": frag (0x%08x:%d|",
                        ip.fragmentId(), ip.fragmentOffset() * 8)), where);
            }
            if (p.size() < 2) {
                continue;
            }
            Layer upper = p.layer(1);
            RecordedFields fields = RecordedFields.of(upper);
            String ports = upper instanceof Udp || upper instanceof Tcp
                    ? fields.get("sport") + " > " + fields.get("dport") + ":" : null;
            if (ip.extensionCount() > 0) {
                // tcpdump prints the extension headers between the addresses and the ports
                assertTrue(line.contains(") " + p.src() + " > " + p.dst() + ":"), where);
                assertTrue(ports == null || line.contains(" " + ports), where);
            } else if (ports != null) {
                assertTrue(line.contains(") " + p.src() + "." + ports.replace(" > ", " > " + p.dst() + ".")), where);
            } else {
                assertTrue(line.contains(") " + p.src() + " > " + p.dst() + ":"), where);
            }
            Object ok = fields.ofAnyLayer("checksum_ok");
            if (upper instanceof Icmpv6 && ok != null) {
                assertEquals(ok, line.contains("[icmp6 sum ok]"), where);
                assertEquals(!(Boolean) ok, line.contains("[bad icmp6 cksum"), where);
                checksumsCompared++;
            } else if (upper instanceof Udp && ok != null) {
                assertEquals(ok, line.contains("[udp sum ok]"), where);
                assertEquals(!(Boolean) ok, line.contains("[bad udp cksum"), where);
                checksumsCompared++;
            } else if (upper instanceof Tcp && ok != null) {
                assertEquals(ok, line.contains("(correct)"), where);
                assertEquals(!(Boolean) ok, line.contains("(incorrect"), where);
                checksumsCompared++;
            }
            if (upper instanceof Icmpv6 && "neighbor-solicit".equals(fields.get("type_name"))) {
                assertTrue(line.contains("who has " + fields.get("target")), where);
            }
            if (upper instanceof Icmpv6 && fields.get("options") != null
                    && ((String) fields.get("options")).startsWith("slla ")) {
                String mac = ((String) fields.get("options")).substring(5, 22);
                assertTrue(line.contains("source link-address option (1), length 8 (1): " + mac), where);
            }
        }
        assertTrue(checksumsCompared >= 15, "checksums compared: " + checksumsCompared);
    }

    /** tcpdump -t -nn and {@code options}, one record per packet (continuation lines joined). */
    static List<String> run(String tcpdump, Path pcap, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tcpdump, "-t", "-nn"));
        command.addAll(List.of(options));
        command.addAll(List.of("-r", pcap.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "tcpdump did not finish");
        List<String> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !records.isEmpty()) {
                records.set(records.size() - 1, records.get(records.size() - 1) + " / " + line.trim());
            } else {
                records.add(line);
            }
        }
        return records;
    }

    /** The classic pcap format written by hand: a 24-byte file header, a 16-byte header per packet. */
    static void writePcap(Path file, List<byte[]> packets) throws IOException {
        writePcap(file, packets, LINKTYPE_RAW);
    }

    /** The same with another link type (LinkType.ETHERNET's code for frames). */
    static void writePcap(Path file, List<byte[]> packets, int linkType) throws IOException {
        int size = 24;
        for (byte[] packet : packets) {
            size += 16 + packet.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(linkType);
        int second = 1_700_000_000;
        for (byte[] packet : packets) {
            out.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
        }
        Files.write(file, out.array());
    }
}
