package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The nice value of one thread, read and set, against what the kernel shows in /proc/thread-self/stat. */
class ThreadNiceTest {
    /** Field 19 of stat; the command name (field 2) may hold spaces, so count after its ')'. */
    private static int kernelNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    @Test
    void aThreadsNiceValueIsReadAndLoweredAloneAsTheKernelSeesIt() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        int mainBefore = kernelNice();
        Thread thread = new Thread(() -> {
            try {
                assertEquals(kernelNice(), ThreadNice.get());
                int lower = Math.min(19, kernelNice() + 3);
                assertTrue(ThreadNice.set(lower));
                assertEquals(lower, kernelNice());
                assertEquals(lower, ThreadNice.get());
                outcome.set("ok");
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        thread.start();
        thread.join(10_000);
        if (outcome.get() instanceof Throwable) {
            throw new AssertionError(outcome.get());
        }
        assertEquals("ok", outcome.get());
        assertEquals(mainBefore, kernelNice(), "the other threads keep theirs");
    }
}
