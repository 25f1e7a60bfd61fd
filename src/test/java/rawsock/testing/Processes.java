package rawsock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, bounded, with its output collected: for tests that drive other programs. */
public final class Processes {
    private Processes() {
    }

    /**
     * Runs {@code command} with an empty stdin for at most {@code timeoutSeconds} (then kills it
     * and fails); returns {exit status, stdout, stderr}.
     */
    public static Object[] run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[][] streams = new byte[2][];
        // Both pipes drained at once, so a chatty program never blocks on a full one.
        Thread out = new Thread(() -> streams[0] = readAll(process.getInputStream()));
        Thread err = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
        out.start();
        err.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        out.join();
        err.join();
        return new Object[] {process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
            new String(streams[1], StandardCharsets.UTF_8)};
    }

    /** Everything {@code in} gives until its end; what came before an error is lost (the process died). */
    public static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
