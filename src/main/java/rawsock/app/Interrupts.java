package rawsock.app;

import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into a flag the send and receive loops poll, so they finish the packet
 * in hand, flush and print their statistics before exiting 130 or 143. A loop stuck in a call
 * that cannot notice the flag (a read from a silent stdin) is ended by a watchdog after a grace
 * period with the same status. A loop that has seen the flag is left to finish, however slow the
 * machine, since cutting it short would lose its summary or half a line of output; a second
 * signal then ends the process at once, as a second Ctrl-C does in most tools.
 */
public final class Interrupts {
    private static final Log LOG = Log.of(Interrupts.class);
    private static final long GRACE_MILLIS = 1500;

    private volatile int status;
    /** True once a loop has polled the flag after the signal: it is winding down on its own. */
    private volatile boolean seen;

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
            System.exit(status);
        }
        status = exitStatus;
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!seen) {
                System.exit(exitStatus);
            }
        }, "signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }


    /** True once a signal came; the caller is then expected to wind down. */
    public boolean requested() {
        if (status == 0) {
            return false;
        }
        seen = true;
        return true;
    }

    /** 130 or 143 once a signal came, 0 before. */
    public int exitStatus() {
        return status;
    }
}
