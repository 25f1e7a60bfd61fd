package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.testing.CliRun;
import rawsock.testing.InetChecksum;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;
import rawsock.testing.UntilDone;

/** IPv6 on ::1, checked by the kernel's replies seen by tcpdump and by a JDK DatagramSocket. */
@RequiresRoot
class Ipv6Test {
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    /** The most a test waits for tcpdump to print a reply; it returns as soon as the line is there. */
    private static final long TCPDUMP_WAIT_MILLIS = 30_000;
    /** How long senders keep going while a recv started in the background has not finished. */
    private static final long SEND_WHILE_RECV_RUNS_MILLIS = 30_000;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static InetAddress loopback6() throws Exception {
        return InetAddress.getByName("::1");
    }

    @Test
    void icmp6EchoDrawsTheKernelsEchoReply() throws Exception {
        int id = Marks.id();
        // ICMPv6 identifier: 40-byte IPv6 header + 4.
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp6 and ip6[44:2] == " + id)) {
            CliRun run = CliRun.run("send", "-d", "::1", "--icmp-id", String.valueOf(id), "-c", "2", "-i", "20ms",
                    "--data", Marks.payload());
            assertEquals(0, run.status, run.toString());
            String all = String.join("\n", tcpdump.awaitLines("echo reply", 2, TCPDUMP_WAIT_MILLIS));
            assertTrue(all.contains("ICMP6, echo request, id " + id + ", seq 1"), all);
            assertTrue(all.contains("ICMP6, echo reply, id " + id + ", seq 2"), all);
            assertTrue(all.contains("[icmp6 sum ok]"), all);
        }
    }

    @Test
    void hopLimitTrafficClassAndFlowLabelAppearAsSent() throws Exception {
        int id = Marks.id();
        try (Tcpdump tcpdump = Tcpdump.start("lo", "icmp6 and ip6[44:2] == " + id)) {
            CliRun run = CliRun.run("send", "-6", "-d", "::1", "--icmp-id", String.valueOf(id), "--ttl", "9", "--tos",
                    "0x20", "--flow-label", "0x54321");
            assertEquals(0, run.status, run.toString());
            String all = String.join("\n", tcpdump.awaitLines("echo reply", 1, TCPDUMP_WAIT_MILLIS));
            assertTrue(all.contains("class 0x20, flowlabel 0x54321, hlim 9"), all);
        }
    }

    @Test
    void udpOverIpv6ReachesADatagramSocket() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, loopback6())) {
            receiver.setSoTimeout(5000);
            String payload = Marks.payload();
            CliRun run = CliRun.run("send", "-p", "udp", "-d", "::1", "--sport", "4321", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--data", payload);
            assertEquals(0, run.status, run.toString());
            DatagramPacket got = SendTest.receive(receiver, payload);
            assertEquals(4321, got.getPort());
            // Written header (--src): IPV6_HDRINCL through an IPPROTO_RAW socket.
            String second = Marks.payload();
            CliRun spoofing = CliRun.run("send", "-p", "udp", "-d", "::1", "--src", "::1", "--sport", "4322", "--dport",
                    String.valueOf(receiver.getLocalPort()), "--data", second);
            assertEquals(0, spoofing.status, spoofing.toString());
            assertEquals(4322, SendTest.receive(receiver, second).getPort());
        }
    }

    @Test
    void stdinHexSendsIpv6PacketsToTheirOwnDestination() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, loopback6())) {
            receiver.setSoTimeout(5000);
            String payload = Marks.payload();
            byte[] packet = InetChecksum.udp6Packet(loopback6().getAddress(), loopback6().getAddress(), 5558,
                    receiver.getLocalPort(), payload.getBytes(StandardCharsets.US_ASCII));
            CliRun run = CliRun.runWithInput((SendTest.hex(packet) + "\n").getBytes(StandardCharsets.US_ASCII), "send",
                    "--stdin-hex");
            assertEquals(0, run.status, run.toString());
            assertEquals(5558, SendTest.receive(receiver, payload).getPort());
        }
    }

    @Test
    void recvOfIcmp6WritesIpv6PacketsThatTcpdumpDecodes(@TempDir Path dir) throws Exception {
        int id = Marks.id();
        Path file = dir.resolve("icmp6.pcap");
        Future<CliRun> recv = POOL.submit(() -> CliRun.run("recv", "-6", "--filter", "icmp6 and src host ::1 and dst net ::1/128", "-c", "2", "-t", "10s",
                "-w", file.toString(), "-f", "text"));
        UntilDone.repeat(recv, SEND_WHILE_RECV_RUNS_MILLIS, 50, round -> CliRun.run("send", "-q", "-d", "::1",
                "--icmp-id", String.valueOf(id), "--icmp-seq", String.valueOf(round + 1), "--ttl", "33"));
        CliRun run = recv.get(30, TimeUnit.SECONDS);
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().contains("IP6 ::1 > ::1"), run.out());
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-v", "-r", file.toString()).start();
        String out = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tcpdump.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = out.lines().filter(l -> l.contains("IP6")).toList();
        assertEquals(2, lines.size(), out);
        // Two packets in a row are a request (our hop limit 33) and a reply (the kernel's 64).
        assertTrue(out.contains("hlim 33") && out.contains("hlim 64"), out);
        assertTrue(out.contains("::1 > ::1: [icmp6 sum ok] ICMP6, echo"), out);
        assertTrue(Files.size(file) > 24);

        // The same filter with another source address keeps everything out, in the kernel: echoes
        // go on for the whole of recv's run, however late it starts listening.
        Future<CliRun> none = POOL.submit(() -> CliRun.run("recv", "-6", "--filter", "icmp6 and src host ::2", "-c",
                "1", "-t", "1500ms"));
        UntilDone.repeat(none, SEND_WHILE_RECV_RUNS_MILLIS, 50,
                round -> CliRun.run("send", "-q", "-d", "::1", "--icmp-id", String.valueOf(id)));
        CliRun filtered = none.get(30, TimeUnit.SECONDS);
        assertEquals(1, filtered.status, filtered.toString());
        assertEquals("", filtered.out());
    }
}
