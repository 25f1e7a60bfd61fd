package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.RequiresRoot;

/**
 * Every path out of a run closes what it opened: the process's file descriptors (as the kernel
 * lists them in /proc/self/fd) of the kinds rawsock opens are the same before and after many runs
 * that fail at every stage.
 *
 * <p>rawsock opens sockets (raw, packet, the one for interface ioctls) and files (a pcap to read
 * or write); anonymous inodes (eventfd, epoll, timerfd) are counted too. Pipes are not: rawsock
 * opens none, and the JVM's come and go at their own pace (the JDK closes a finished child
 * process's pipes on its reaper thread, and earlier tests' reader threads close theirs when they
 * get to it), which would move a count of everything with no leak at all.
 */
@RequiresRoot
class DescriptorLeakTest {
    private static final List<String> RUNS = List.of(
            "send -d 127.0.0.1 -I nosuch0",
            "send -d 127.0.0.1 -p udp --dport 9 -I nosuch0 --wait=10ms",
            "send --link -I nosuch0 -p arp -d 127.0.0.1",
            "send --link -I lo -d 127.0.0.1 -p udp",
            "send -d ::1 -I nosuch0",
            "send --stdin-hex",
            "send --read-pcap pom.xml",
            "recv -I nosuch0 -c 1",
            "recv -w /nonexistent-dir/x.pcap -c 1",
            "recv -6 -c 1 -t 10ms",
            "recv --link -I nosuch0 -c 1",
            "recv --link -I lo -c 1 -t 10ms",
            "send -d 127.0.0.1 -c 2 -i 1ms --wait=20ms",
            "send -d 127.0.0.1 -q");

    /** How long the tracked descriptors get to settle, before and after the runs. */
    private static final long SETTLE_MILLIS = 15_000;

    /**
     * The open descriptors of the kinds rawsock opens, each as its kind: "socket", the
     * anon_inode's name, or the file's path; sorted, so two samples compare as multisets.
     */
    private static List<String> trackedDescriptors() {
        List<String> kinds = new ArrayList<>();
        for (String target : descriptors().values()) {
            if (target.startsWith("socket:")) {
                kinds.add("socket");
            } else if (target.startsWith("anon_inode:") || target.startsWith("/") && !target.startsWith("/proc/")
                    && !target.endsWith(".jar")) {
                // Left out: jars, the JVM's class path, opened when first needed and kept open;
                // /proc files, which surefire's parent-process checker reads from its own thread
                // (rawsock reads only /proc/net/arp, with Files.readAllLines, which closes it).
                kinds.add(target);
            }
        }
        Collections.sort(kinds);
        return kinds;
    }

    /** The open descriptors that are not jars, with what they point to (for failure messages). */
    private static TreeMap<Integer, String> notJars() {
        TreeMap<Integer, String> all = descriptors();
        all.values().removeIf(target -> target.endsWith(".jar"));
        return all;
    }

    /** Every open descriptor with what it points to. */
    private static TreeMap<Integer, String> descriptors() {
        TreeMap<Integer, String> all = new TreeMap<>();
        File[] entries = new File("/proc/self/fd").listFiles();
        if (entries == null) {
            throw new AssertionError("/proc/self/fd cannot be listed");
        }
        for (File entry : entries) {
            try {
                all.put(Integer.parseInt(entry.getName()), Files.readSymbolicLink(entry.toPath()).toString());
            } catch (IOException | NumberFormatException e) {
                // Closed since the listing (the listing's own descriptor is one).
            }
        }
        return all;
    }

    /**
     * Samples until two samples 200 ms apart agree (bounded): what other threads were still
     * closing when the test began is not counted as the baseline.
     */
    private static List<String> settled() throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        List<String> previous = trackedDescriptors();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            List<String> sample = trackedDescriptors();
            if (sample.equals(previous)) {
                return sample;
            }
            previous = sample;
        }
        return previous;
    }

    /**
     * Samples until no tracked descriptor is open beyond {@code expected} (bounded) and returns
     * those beyond it: a leaked one never closes, so it still fails, but one closed a moment late
     * does not. One the JVM had open at the start and has closed since (it reads a cgroup file
     * now and then) is no leak.
     */
    private static List<String> openedSince(List<String> expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        List<String> extra = beyond(trackedDescriptors(), expected);
        while (!extra.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            extra = beyond(trackedDescriptors(), expected);
        }
        return extra;
    }

    /** What {@code sample} holds beyond {@code baseline}, counting repeats (two sockets are two). */
    private static List<String> beyond(List<String> sample, List<String> baseline) {
        List<String> extra = new ArrayList<>(sample);
        for (String open : baseline) {
            extra.remove(open);
        }
        return extra;
    }

    private static void runAll() {
        for (String args : RUNS) {
            CliRun.runWithInput("00zz\n".getBytes(), args.split(" "));
        }
    }

    @Test
    void failedAndFinishedRunsLeaveNoDescriptorOpen() throws InterruptedException {
        runAll();  // The JVM opens what it needs once (jars, libraries): not ours to count.
        List<String> before = settled();
        TreeMap<Integer, String> beforeAll = notJars();
        for (int i = 0; i < 5; i++) {
            runAll();
        }
        List<String> leaked = openedSince(before);
        assertEquals(List.of(), leaked, () -> "sockets, anon inodes and files open after 5 x " + RUNS.size()
                + " runs\ndescriptors before (jars left out): " + beforeAll + "\nafter: " + notJars());
    }
}
