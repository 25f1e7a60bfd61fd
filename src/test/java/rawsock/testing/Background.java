package rawsock.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process started in the background whose stdout and stderr are collected line by line, so a
 * test can wait for a readiness line ("listening on") instead of sleeping and hoping.
 */
public final class Background implements AutoCloseable {
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread[] pumps = new Thread[2];

    private Background(Process process) {
        this.process = process;
        pumps[0] = pump(process.getInputStream(), out);
        pumps[1] = pump(process.getErrorStream(), err);
    }

    public static Background start(List<String> command) throws IOException {
        return new Background(new ProcessBuilder(command).start());
    }

    private Thread pump(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until a stderr line contains {@code text}; false after the timeout. */
    public synchronized boolean awaitStderr(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (err.stream().noneMatch(line -> line.contains(text))) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || !process.isAlive() && err.stream().noneMatch(line -> line.contains(text))) {
                return err.stream().anyMatch(line -> line.contains(text));
            }
            wait(Math.min(left, 100));
        }
        return true;
    }

    /** Waits for the process to end (bounded) and for its output to be read; returns its status. */
    public int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after " + timeoutSeconds + " s");
        }
        for (Thread pump : pumps) {
            pump.join(5000);
        }
        return process.exitValue();
    }

    public synchronized String stdout() {
        return String.join("\n", out);
    }

    public synchronized String stderr() {
        return String.join("\n", err);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
