package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rawsock.testing.NetNs;
import rawsock.testing.RequiresRoot;

/** Probe runs as real processes: silence means exit 1; two processes keep their replies apart. */
@RequiresRoot
class ProbeIT {
    @Test
    void noReplyMeansExitOne() throws Exception {
        try (NetNs ns = NetNs.create()) {
            ns.exec("sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
            Process process = new ProcessBuilder(ns.inside(ToolProcess.command("send", "-d", "127.0.0.1", "-c", "2",
                    "-i", "50ms", "--wait=300ms").toArray(new String[0]))).start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue(), stderr);
            assertEquals("", stdout);
            assertTrue(stderr.contains("2 probes transmitted, 0 received, 100% loss"), stderr);
        }
    }

    @Test
    void twoProcessesWithDefaultIdentifiersNeverSeeEachOthersReplies() throws Exception {
        List<String> command = ToolProcess.command("send", "-d", "127.0.0.1", "-c", "10", "-i", "10ms", "--wait");
        Process first = new ProcessBuilder(command).start();
        Process second = new ProcessBuilder(command).start();
        for (Process process : List.of(first, second)) {
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), stderr);
            assertEquals(10, stdout.lines().count(), stdout);
            assertTrue(!stdout.contains("DUP"), stdout);
            assertTrue(stderr.contains("10 probes transmitted, 10 received, 0% loss"), stderr);
        }
    }
}
