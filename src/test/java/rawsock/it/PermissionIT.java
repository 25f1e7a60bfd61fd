package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rawsock.testing.RequiresRoot;

/**
 * Without CAP_NET_RAW (the tool run as user nobody with every capability dropped): exit 3 and
 * one line saying what to do. Needs root to be able to become nobody.
 */
@RequiresRoot
class PermissionIT {
    @ParameterizedTest
    @ValueSource(strings = {"send -d 127.0.0.1", "recv -c 1", "send -p udp -d 127.0.0.1 --src 127.0.0.2"})
    void withoutCapNetRawTheExitStatusIsThreeWithAdvice(String args) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all"));
        command.addAll(ToolProcess.command(readableJar(), args.split(" ")));
        Process process = new ProcessBuilder(command).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, process.exitValue(), stderr);
        assertEquals(1, stderr.strip().split("\n").length, "one line: " + stderr);
        assertTrue(stderr.contains("EPERM") && stderr.contains("CAP_NET_RAW") && stderr.contains("sudo"), stderr);
        assertEquals(0, process.getInputStream().readAllBytes().length);
    }

    /** A copy of the jar that nobody can read, wherever the checkout lives (e.g. under /root). */
    private static Path readableJar() throws java.io.IOException {
        Path dir = Files.createTempDirectory("rawsock-nobody", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path jar = dir.resolve("rawsock.jar");
        Files.copy(ToolProcess.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        dir.toFile().deleteOnExit();
        jar.toFile().deleteOnExit();
        return jar;
    }
}
