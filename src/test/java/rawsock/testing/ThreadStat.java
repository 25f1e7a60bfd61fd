package rawsock.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel shows of the calling thread, for tests that check what rawsock did to it. */
public final class ThreadStat {
    private ThreadStat() {
    }

    /**
     * The calling thread's nice value: field 19 of /proc/thread-self/stat. The command name
     * (field 2) may hold spaces, so fields are counted after its closing ')'.
     */
    public static int nice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
