package rawsock.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one try of a property on a worker thread with a deadline, so that code looping forever on
 * some input fails that try (naming the input, with the worker's stack) instead of hanging the
 * build. jqwik has no timeout of its own, and Jupiter's {@code @Timeout} does not apply to
 * jqwik properties.
 *
 * <p>One daemon worker is reused from try to try (a hand-off costs microseconds); a worker that
 * missed its deadline is abandoned, still running, and a new one takes its place.
 */
public final class Bounded {
    /** Seconds one try may take: generous, since a whole try normally takes microseconds. */
    public static final long SECONDS = Long.getLong("rawsock.fuzz.timeoutSeconds", 10);

    private static Thread workerThread;
    private static ExecutorService worker = newWorker();

    private Bounded() {
    }

    /** Something to run that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} within {@link #SECONDS}; its exceptions and errors come out unchanged. */
    public static void run(Body body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** Calls {@code body} within {@link #SECONDS}; its exceptions and errors come out unchanged. */
    public static synchronized <T> T call(Callable<T> body) {
        Future<T> future = worker.submit(body);
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            Thread stuck = workerThread;
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : stuck.getStackTrace()) {
                stack.append("\n\tat ").append(frame);
            }
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("did not finish within " + SECONDS + " s; the worker was at:" + stack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw Bounded.<RuntimeException>sneaky(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rawsock-fuzz-worker");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }
}
