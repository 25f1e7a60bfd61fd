package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rawsock.cli.SendCommand;
import rawsock.output.Hex;
import rawsock.testing.CommandModel;

/**
 * The bytes {@code send} hands to its socket, for many option combinations, against a recording
 * made by an earlier implementation of the send path (src/test/resources/rawsock/app/sent-bytes.txt):
 * a change of how packets are built must leave every packet byte for byte the same. Each line
 * of the recording is a command line, a probe index and the packet's hex; every value the tool
 * would choose at random (ICMP id, source port, TCP sequence) is given, and every address is on
 * loopback or given, so nothing is sent and nothing differs between runs.
 *
 * <p>To record again (only when a change of the bytes is intended):
 * {@code mvn -o test -Dtest=SentBytesTest -Drawsock.record=src/test/resources/rawsock/app/sent-bytes.txt}.
 */
class SentBytesTest {
    private static final String RESOURCE = "/rawsock/app/sent-bytes.txt";
    private static final int MAX_PROBES = 4;
    private static final String LINK = "--link -I lo --src-mac 02:00:00:00:00:01 --dst-mac 02:00:00:00:00:02 ";

    private static final String[] LINES = {
        "-d 127.0.0.1 --icmp-id 4660 -c 3",
        "-d 127.0.0.1 --icmp-id 4660 --icmp-seq 65535 --data hello -c 3",
        "-d 127.0.0.1 --icmp-id 1 --checksum 0x1234 -c 2",
        "-d 127.0.0.1 --icmp-id 1 --checksum 0 --size 3 -c 2",
        "-d 127.0.0.1 --icmp-type dest-unreach --icmp-code 4 --icmp-mtu 1400 --size 28",
        "-d 127.0.0.1 --icmp-type redirect --icmp-gateway 127.0.0.9 --size 28",
        "-d 127.0.0.1 --icmp-type param-problem --icmp-pointer 7",
        "-d 127.0.0.1 --icmp-type timestamp --icmp-id 7 --hex 000000010000000200000003 -c 2",
        "-d 127.0.0.1 --icmp-type 42 --icmp-code 9",
        "-d 127.0.0.1 -p udp --sport 4000 --dport 53 --data abc -c 2",
        "-d 127.0.0.1 -p udp --sport 4000 --dport 53 --checksum 0",
        "-d 127.0.0.1 -p udp --sport 65534 --dport 53 --wait 1ms -c 3",
        "-d 127.0.0.1 -p udp --sport 1 --dport 1-3,7",
        "-d 127.0.0.1,127.0.0.2 -p udp --sport 10-11 --dport 2",
        "-d 127.0.0.1 -p tcp --sport 4000 --dport 80 --seq 1000 --ack 5 --flags SA --win 1024 --urg 3 --tcp-options 020405b4",
        "-d 127.0.0.1 -p tcp --sport 4000 --seq 1 --tcp-options 0101080a0000000100000002 --data GET",
        "-d 127.0.0.1 -p tcp --sport 4000 --seq 4294967295 --checksum 0xbeef --flags FPUEC",
        "-d 127.0.0.1 -p tcp --sport 4000 --dport 1-3 --seq 1",
        "-d 127.0.0.1 -p tcp --sport 4000 --seq 1 --wait 1ms -c 3",
        "-d 127.0.0.1 -s 127.0.0.2 --ttl 5 --tos 16 --id 999 --df --icmp-id 3 -c 2",
        "-d 127.0.0.1 --hdrincl --icmp-id 3",
        "-d 127.0.0.1 -s 127.0.0.2 --ip-options 94040000 -p udp --sport 1 --dport 2",
        "-d 127.0.0.1 -s 127.0.0.2 --ip-options 830b04a9fe0001a9fe0002 -p tcp --sport 1 --dport 2 --seq 9",
        "-d 127.0.0.1 -s 127.0.0.2 --ip-options 01 -p udp --sport 1 --dport 2",
        "-d 127.0.0.1 -s 127.0.0.2 --frag-offset 10 --mf -p udp --data xyz",
        "-d 127.0.0.1 -s 127.0.0.2 --mf -p udp --sport 1 --dport 2 --data xyz",
        "-d 127.0.0.1 -s 127.0.0.2 --ttl 1-3 --icmp-id 5",
        "-d 127.0.0.1 --ttl 7,9 -p udp --sport 5 --dport 6",
        "-d 127.0.0.1 -p igmp",
        "-d 127.0.0.1 -p igmp --igmp-type v2-report --igmp-group 239.1.2.3",
        "-d 127.0.0.1 -p igmp --igmp-type query --igmp-max-resp 0 --checksum 7",
        "-d 127.0.0.1 -s 127.0.0.2 -p igmp --igmp-type leave --igmp-group 239.1.2.3 --ttl 1",
        "-d 127.0.0.1 -p 253 --data raw",
        "-d 127.0.0.1 -s 127.0.0.2 -p 253 --data raw",
        "-d 127.0.0.1 -p raw --hex 450000140000000040fd000003030303 ",
        "-d ::1 --icmp-id 9 -c 2",
        "-d ::1 --icmp-id 9 --checksum 5",
        "-d ::1 --icmp-type packet-too-big --icmp-mtu 1280 --size 48",
        "-d ::1 -p udp --sport 5 --dport 6 --data v6",
        "-d ::1 -p tcp --sport 5 --dport 6 --seq 7 --wait 1ms -c 2",
        "-d ::1 -s ::1 --flow-label 5 --tos 32 --ttl 3 -p tcp --sport 1 --dport 2 --seq 3",
        "-d ::1 -s ::1 -p udp --sport 1 --dport 2 --ttl 4-5",
        "-d ::1 -s ::1 --icmp-type neighbor-solicit --nd-target ::1 --nd-sll 02:00:00:00:00:01",
        "-d ::1 --icmp-type neighbor-advert --nd-target ::1 --nd-flags SO --nd-tll 02:00:00:00:00:01",
        "-d ::1 --icmp-type router-advert --nd-hop-limit 64 --nd-router-lifetime 1800 --nd-reachable-time 5 --nd-retrans-timer 6",
        "-d ::1 -s ::1 -p 253 --data raw6",
        LINK + "-d 127.0.0.1 -s 127.0.0.1 --icmp-id 1 -c 3",
        LINK + "-d 127.0.0.1 -s 127.0.0.1 --icmp-id 1 --vlan 5 --vlan-prio 3",
        LINK + "-d 127.0.0.1 -s 127.0.0.1 -p udp --sport 1 --dport 2 --vlan 100,200 --id 7 --ttl 9",
        LINK + "-d ::1 -s ::1 -p tcp --sport 1 --dport 2 --seq 3",
        LINK + "-d 127.0.0.1 --ethertype 0x88b5 --data payload",
        LINK + "-p arp -d 127.0.0.1 -s 127.0.0.1 -c 2",
        LINK + "-p arp -d 127.0.0.1 --arp-op reply --arp-sha 02:00:00:00:00:0a --arp-spa 127.0.0.9 --vlan 3",
        "--link -I lo --src-mac 02:00:00:00:00:01 -p arp -d 127.0.0.1 -s 127.0.0.1",
    };

    @Test
    void everyPacketIsAsRecorded() throws Exception {
        List<String> now = record();
        String record = System.getProperty("rawsock.record");
        if (record != null) {
            Files.write(Path.of(record), now, StandardCharsets.UTF_8);
            return;
        }
        List<String> recorded = recorded();
        for (int i = 0; i < Math.max(now.size(), recorded.size()); i++) {
            assertEquals(i < recorded.size() ? recorded.get(i) : null, i < now.size() ? now.get(i) : null);
        }
    }

    private static List<String> recorded() throws IOException {
        try (InputStream in = SentBytesTest.class.getResourceAsStream(RESOURCE)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static List<String> record() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : LINES) {
            SendSpec spec = spec(line.trim());
            List<String> packets = spec.link ? linkPackets(spec) : ipPackets(spec);
            for (int i = 0; i < packets.size(); i++) {
                lines.add(line.trim() + "\t" + i + "\t" + packets.get(i));
            }
        }
        return lines;
    }

    private static List<String> ipPackets(SendSpec spec) throws IOException {
        ProbePlan plan = spec.plan();
        ProbeTemplates templates = new ProbeTemplates(spec, plan, spec.writesIpHeader(), new byte[0]);
        List<String> packets = new ArrayList<>();
        for (long i = 0; i < Math.min(MAX_PROBES, plan.total(spec.count)); i++) {
            PacketTemplate template = templates.forProbe(i);
            packets.add(templates.fields().ttl() + " " + templates.fields().target().getHostAddress() + " "
                    + prepared(template, i));
        }
        return packets;
    }

    private static List<String> linkPackets(SendSpec spec) throws IOException {
        LinkFrame frame = LinkFrame.build(spec);
        List<String> packets = new ArrayList<>();
        for (long i = 0; i < Math.min(MAX_PROBES, spec.count); i++) {
            packets.add(Integer.toHexString(frame.etherType()) + " " + prepared(frame.template(), i));
        }
        return packets;
    }

    /** Packet {@code index} as the send loop hands it over: a copy of the template, patched for it. */
    private static String prepared(PacketTemplate template, long index) {
        ByteBuffer copy = ByteBuffer.allocateDirect(template.length());
        template.copyInto(copy);
        template.prepare(copy, index);
        byte[] bytes = new byte[template.length()];
        copy.get(0, bytes);
        return template.wireLength() + " " + Hex.encode(bytes);
    }

    private static SendSpec spec(String line) throws Exception {
        CommandLine root = CommandModel.commands().get(0);
        CommandLine.ParseResult result = root.parseArgs(("send " + line).split(" "));
        SendCommand command = (SendCommand) result.subcommand().commandSpec().userObject();
        Method toSpec = SendCommand.class.getDeclaredMethod("toSpec");
        toSpec.setAccessible(true);
        return (SendSpec) toSpec.invoke(command);
    }
}
