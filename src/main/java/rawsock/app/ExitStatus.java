package rawsock.app;

/**
 * The exit statuses scripts depend on (listed in --help and the man page), and which failure
 * earns which: the one place that knows the exceptions below the command line.
 */
public final class ExitStatus {
    /** Done. */
    public static final int OK = 0;
    /** The condition was not met: no reply to --wait, fewer than --count before --timeout. */
    public static final int NOT_MET = 1;
    /** Usage error: a bad option or value; nothing was sent. */
    public static final int USAGE = 2;
    /** Permission denied (no root / CAP_NET_RAW). */
    public static final int PERMISSION = 3;
    /** Any other system or I/O error. */
    public static final int SYSTEM = 4;
    /** Ended by SIGINT (128 + 2). */
    public static final int SIGINT = 130;
    /** Ended by SIGTERM (128 + 15). */
    public static final int SIGTERM = 143;

    private ExitStatus() {
    }

    /** The status a run that failed with {@code failure} ends with: usage 2, permission 3, else 4. */
    public static int of(Throwable failure) {
        if (failure instanceof UsageException) {
            return USAGE;
        }
        if (failure instanceof rawsock.net.NativeException && ((rawsock.net.NativeException) failure).isPermissionDenied()) {
            return PERMISSION;
        }
        return SYSTEM;
    }
}
