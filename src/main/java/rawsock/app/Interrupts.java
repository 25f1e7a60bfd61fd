package rawsock.app;

import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a flag the send and receive loops poll, so they finish the packet
 * in hand, flush and print their statistics before exiting 130 or 143. A loop stuck in a call
 * that cannot notice the flag (a read from a silent stdin) is ended by a watchdog after a grace
 * period with the same status.
 */
public final class Interrupts {
    private static final Log LOG = Log.of(Interrupts.class);
    private static final long GRACE_MILLIS = 1500;

    private volatile int status;

    /** Installs handlers for SIGINT and SIGTERM that set this flag. */
    public static Interrupts install() {
        Interrupts interrupts = new Interrupts();
        interrupts.handle("INT", ExitStatus.SIGINT);
        interrupts.handle("TERM", ExitStatus.SIGTERM);
        return interrupts;
    }


    private void handle(String name, int exitStatus) {
        try {
            Signal.handle(new Signal(name), signal -> onSignal(exitStatus));
        } catch (IllegalArgumentException e) {
            LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
        }
    }

    private void onSignal(int exitStatus) {
        if (status != 0) {
            return;
        }
        status = exitStatus;
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(exitStatus);
        }, "signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }


    public boolean requested() {
        return status != 0;
    }

    /** 130 or 143 once a signal came, 0 before. */
    public int exitStatus() {
        return status;
    }
}
