package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import rawsock.testing.NetNs;
import rawsock.testing.RequiresRoot;

/**
 * A packet larger than the MTU with --df: the kernel's EMSGSIZE, reported with the size and the
 * MTU, exit 4. Runs inside a private network namespace whose loopback has a 1500-byte MTU.
 */
@RequiresRoot
class MtuIT {
    @Test
    void oversizedPacketWithDontFragmentIsRefusedWithSizeAndMtu() throws Exception {
        try (NetNs ns = NetNs.create()) {
            ns.exec("ip", "link", "set", "lo", "mtu", "1500");
            for (String[] extra : new String[][] {{}, {"--src", "127.0.0.1"}}) {
                java.util.List<String> command = ns.inside(ToolProcess.command("send", "-p", "udp", "-d", "127.0.0.1",
                        "--dport", "9", "--df", "--size", "2000").toArray(new String[0]));
                command.addAll(java.util.List.of(extra));
                Process process = new ProcessBuilder(command).start();
                String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(4, process.exitValue(), stderr);
                assertTrue(stderr.contains("EMSGSIZE"), stderr);
                assertTrue(stderr.contains("2028 bytes"), stderr);
                assertTrue(stderr.contains("1500"), stderr);
            }
        }
    }
}
