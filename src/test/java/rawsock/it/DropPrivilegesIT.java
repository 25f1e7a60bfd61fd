package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rawsock.testing.Background;
import rawsock.testing.Marks;
import rawsock.testing.RequiresRoot;

/** --user: the process's own credentials (read by the kernel, in /proc) change once sockets are open. */
@RequiresRoot
class DropPrivilegesIT {
    @Test
    void recvRunsAsNobodyAndStillCaptures() throws Exception {
        int port = Marks.freeUdpPort();
        try (Background recv = Background.start(ToolProcess.command("recv", "-v", "--user", "nobody", "-p", "udp",
                "--filter", "dst port " + port, "-c", "2", "-t", "20s"));
                DatagramSocket sender = new DatagramSocket()) {
            assertTrue(recv.awaitStderr("running as nobody", 30_000), recv.stderr());
            List<String> status = Files.readAllLines(Path.of("/proc/" + recv.pid() + "/status"));
            assertTrue(status.contains("Uid:\t65534\t65534\t65534\t65534"), String.join("\n", status));
            assertTrue(status.contains("Gid:\t65534\t65534\t65534\t65534"), String.join("\n", status));
            assertTrue(status.stream().anyMatch(line -> line.matches("Groups:\\s*")), "no supplementary groups");
            byte[] data = Marks.payload().getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2; i++) {
                sender.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), port));
            }
            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals(2, recv.stdout().lines().count(), "both datagrams captured: " + recv.stdout());
        }
    }

    @Test
    void anUnknownUserIsAUsageErrorBeforeAnythingIsSent() throws Exception {
        Process process = new ProcessBuilder(ToolProcess.command("send", "--user", "no-such-user-here", "-d",
                "127.0.0.1")).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), stderr);
        assertTrue(stderr.contains("--user no-such-user-here: no such user"), stderr);
    }
}
