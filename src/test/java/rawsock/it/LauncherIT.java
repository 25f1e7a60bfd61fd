package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * scripts/rawsock, the README's first command: its AppCDS archive is recorded by the training
 * run, so it covers send even when the first command after a build was {@code --version}; and a
 * run that logs nothing does not start Logback.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void theArchiveHoldsTheSendPathWhateverRanFirst() throws Exception {
        Path jar = ToolProcess.jar().toAbsolutePath();
        assertEquals(ROOT.resolve("target/rawsock.jar"), jar, "the launcher runs target/rawsock.jar");
        Files.deleteIfExists(ROOT.resolve("target/rawsock.jsa"));

        Object[] version = ToolProcess.sh("cd " + ROOT + " && scripts/rawsock --version", 120);
        assertEquals(0, version[0], (String) version[2]);
        assertTrue(((String) version[1]).startsWith("rawsock "), (String) version[1]);
        assertTrue(Files.isRegularFile(ROOT.resolve("target/rawsock.jsa")), "no archive recorded");

        // A send that stops at an interface no machine has: it loads the whole send path, sends nothing.
        Object[] send = ToolProcess.sh("cd " + ROOT + " && RAWSOCK_JAVA_OPTS=-Xlog:class+load scripts/rawsock send"
                + " -d 127.0.0.1 -I rawsock-cds0", 120);
        String log = (String) send[1];
        for (String name : List.of("rawsock.app.SendJob", "rawsock.app.PacketTemplate", "rawsock.net.RawSocket",
                "jnr.ffi.LibraryLoader")) {
            assertTrue(log.contains(" " + name + " source: shared objects file"),
                    name + " did not come from the archive:\n" + log.lines().filter(l -> l.contains(name)).toList());
        }
        // Nothing to log without -v: Logback is never started (a tenth of a one-shot run).
        assertTrue(!log.contains("ch.qos.logback"), "Logback started in a run that logs nothing");
    }
}
