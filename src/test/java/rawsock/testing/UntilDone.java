package rawsock.testing;

import java.util.concurrent.Future;

/**
 * Keeps test traffic coming for as long as a receiver started in the background is still running,
 * instead of for a fixed number of rounds that a receiver starting late on a loaded machine can
 * miss entirely. Bounded in time and in count: it stops at {@code maxMillis} even if the receiver
 * never finishes.
 */
public final class UntilDone {
    private UntilDone() {
    }

    /** One round of traffic; {@code round} counts from 0. */
    @FunctionalInterface
    public interface Round {
        void run(int round) throws Exception;
    }

    /**
     * Runs {@code round}, then pauses {@code pauseMillis}, while {@code receiver} is not done, for
     * at most {@code maxMillis} in all (and so at most {@code maxMillis / pauseMillis + 1} rounds).
     * Returns how many rounds ran.
     */
    public static int repeat(Future<?> receiver, long maxMillis, long pauseMillis, Round round) throws Exception {
        if (pauseMillis < 1 || maxMillis < 1) {
            throw new IllegalArgumentException("pause and limit are at least 1 ms");
        }
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long maxRounds = maxMillis / pauseMillis + 1;
        int rounds = 0;
        while (!receiver.isDone() && rounds < maxRounds && System.nanoTime() - deadline < 0) {
            round.run(rounds++);
            Thread.sleep(pauseMillis);
        }
        return rounds;
    }
}
