package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.RequiresRoot;

/**
 * Every path out of a run closes what it opened: the process's file descriptors (as the kernel
 * lists them in /proc/self/fd) are the same before and after many runs that fail at every stage.
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

    private static int openDescriptors() {
        String[] entries = new File("/proc/self/fd").list();
        return entries == null ? -1 : entries.length;
    }

    private static void runAll() {
        for (String args : RUNS) {
            CliRun.runWithInput("00zz\n".getBytes(), args.split(" "));
        }
    }

    @Test
    void failedAndFinishedRunsLeaveNoDescriptorOpen() {
        runAll();  // The JVM opens what it needs once (jars, libraries): not ours to count.
        int before = openDescriptors();
        for (int i = 0; i < 5; i++) {
            runAll();
        }
        assertEquals(before, openDescriptors(), "descriptors after 5 x " + RUNS.size() + " runs");
    }
}
