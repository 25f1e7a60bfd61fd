package rawsock.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace that a test creates and always deletes: it has only the interfaces the
 * test gives it and no route out, so whatever is sent inside it stays inside it.
 */
public final class NetNs implements AutoCloseable {
    private final String name;

    private NetNs(String name) {
        this.name = name;
    }

    public static NetNs create() throws IOException, InterruptedException {
        String name = "rawsock-test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run("ip", "netns", "add", name);
        NetNs ns = new NetNs(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace; fails the test unless it exits 0. Returns stdout. */
    public String exec(String... command) throws IOException, InterruptedException {
        return run(inside(command).toArray(new String[0]));
    }

    /** The command line that runs {@code command} inside the namespace. */
    public List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "delete", name);
    }
}
