package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import rawsock.testing.ThreadStat;

/** The nice value of one thread, read and set, against what the kernel shows in /proc/thread-self/stat. */
class ThreadNiceTest {
    @Test
    void aThreadsNiceValueIsReadAndLoweredAloneAsTheKernelSeesIt() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        int mainBefore = ThreadStat.nice();
        Thread thread = new Thread(() -> {
            try {
                assertEquals(ThreadStat.nice(), ThreadNice.get());
                int lower = Math.min(19, ThreadStat.nice() + 3);
                assertTrue(ThreadNice.set(lower));
                assertEquals(lower, ThreadStat.nice());
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
        assertEquals(mainBefore, ThreadStat.nice(), "the other threads keep theirs");
    }
}
