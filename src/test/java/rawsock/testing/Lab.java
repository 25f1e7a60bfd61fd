package rawsock.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two-host lab of scripts/netns-lab, driven from a test: hosts A and B in namespaces of
 * their own, joined by veth-a/veth-b, no route out; always deleted on close.
 */
public final class Lab implements AutoCloseable {
    public static final String A_IP = "169.254.99.1";
    public static final String B_IP = "169.254.99.2";
    public static final String A_IP6 = "fd99::1";
    public static final String B_IP6 = "fd99::2";
    public static final String A_MAC = "02:00:00:00:99:01";
    public static final String B_MAC = "02:00:00:00:99:02";

    private final String prefix;

    private Lab(String prefix) {
        this.prefix = prefix;
    }

    public static Lab up() throws IOException, InterruptedException {
        return up("up");
    }

    /** Builds the lab with netns-lab's {@code command} ("up", or "up3" for {@link RoutedLab}). */
    static Lab up(String command) throws IOException, InterruptedException {
        String prefix = "rawsock-it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        Object[] result = run(List.of(script().toString(), command, prefix));
        if ((int) result[0] != 0) {
            run(List.of(script().toString(), "down", prefix));
            throw new IOException("netns-lab " + command + " failed: " + result[2]);
        }
        return new Lab(prefix);
    }

    static Path script() {
        return Path.of("scripts", "netns-lab").toAbsolutePath();
    }

    /** The namespace of host "a" or "b" (or "r", the router of a {@link RoutedLab}). */
    public String ns(String host) {
        return prefix + "-" + host;
    }

    /** The command line that runs {@code command} on host "a" or "b". */
    public List<String> on(String host, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        full.addAll(command);
        return full;
    }

    /** Runs a command on a host, bounded; returns {exit status, stdout, stderr}. */
    public Object[] exec(String host, List<String> command) throws IOException, InterruptedException {
        return run(on(host, command));
    }

    /** Runs a command on this machine, bounded; returns {exit status, stdout, stderr}. */
    static Object[] run(List<String> command) throws IOException, InterruptedException {
        return Processes.run(command, 60);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(script().toString(), "down", prefix));
    }
}
