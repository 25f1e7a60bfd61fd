package rawsock.net;

/** Whether a standard stream is a terminal (isatty), for progress lines and output buffering. */
public final class Terminals {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminals() {
    }

    public static boolean isTerminal(int fd) {
        return Native.LIBC.isatty(fd) == 1;
    }
}
