package rawsock.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump as an independent observer of what crosses an interface: started with a filter that
 * matches only the marks a test put on its packets, ready once tcpdump says it is listening.
 */
public final class Tcpdump implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);

    private Tcpdump(Process process) {
        this.process = process;
    }

    /** Starts {@code tcpdump -i IFACE -nn -l FILTER} and waits until it listens. */
    public static Tcpdump start(String iface, String filter) throws IOException, InterruptedException {
        return start(iface, filter, true);
    }

    /**
     * For bursts: without --immediate-mode (whose small buffer blocks drop packets in a flood,
     * as tcpdump's own "dropped by kernel" shows) and with an 8 MiB buffer; lines arrive in
     * blocks, within a second or so.
     */
    public static Tcpdump startBuffered(String iface, String filter) throws IOException, InterruptedException {
        return start(iface, filter, false);
    }

    private static Tcpdump start(String iface, String filter, boolean immediate) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(immediate
                ? java.util.List.of("tcpdump", "-i", iface, "-nn", "-l", "-v", "--immediate-mode", filter)
                : java.util.List.of("tcpdump", "-i", iface, "-nn", "-l", "-v", "-B", "8192", filter)).start();
        Tcpdump tcpdump = new Tcpdump(process);
        Thread err = new Thread(() -> tcpdump.pump(process.getErrorStream(), true), "tcpdump-stderr");
        Thread out = new Thread(() -> tcpdump.pump(process.getInputStream(), false), "tcpdump-stdout");
        err.setDaemon(true);
        out.setDaemon(true);
        err.start();
        out.start();
        if (!tcpdump.listening.await(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tcpdump did not start listening on " + iface);
        }
        return tcpdump;
    }

    private void pump(java.io.InputStream stream, boolean stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (stderr) {
                    if (line.contains("listening on")) {
                        listening.countDown();
                    }
                } else {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /**
     * Waits until at least {@code count} lines containing {@code marker} arrived, or the timeout;
     * returns every line seen so far (with -v tcpdump may print a packet on two lines).
     */
    public List<String> awaitLines(String marker, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lines) {
            while (matching(marker) < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                lines.wait(left);
            }
            return new ArrayList<>(lines);
        }
    }

    private int matching(String marker) {
        int n = 0;
        for (String line : lines) {
            if (line.contains(marker)) {
                n++;
            }
        }
        return n;
    }

    /** The bytes of tcpdump -x/-xx lines ("\t0x0010:  4500 0054 ..."), as one string of hex. */
    public static String hexDump(String text) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("0x")) {
                hex.append(t.substring(t.indexOf(':') + 1).replace(" ", ""));
            }
        }
        return hex.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
