package rawsock.net;

import java.io.IOException;
import jnr.constants.platform.Errno;

/**
 * A failed system call: which call, the errno (with its symbolic name), the C library's message
 * and, where one helps, a hint for the user. The one exception type the native layer throws.
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;
    private final String hint;

    private NativeException(String call, int errno, String errnoName, String detail, String hint) {
        super(format(call, errnoName, detail, hint));
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
        this.hint = hint;
    }

    /** An exception for {@code call} failing with {@code errno}; {@code hint} may be null. */
    static NativeException of(String call, int errno, String hint) {
        return new NativeException(call, errno, errnoName(errno), Native.strerror(errno), hint);
    }

    /** Same as {@link #of} with the hint chosen from the call and errno (see {@link ErrnoHints}). */
    static NativeException withHint(String call, int errno, String context) {
        return of(call, errno, ErrnoHints.hint(call, errno, context));
    }

    /** The same failure with a better hint, from a caller that knows more (sizes, MTU). */
    public NativeException withHint(String betterHint) {
        NativeException copy = new NativeException(call, errno, errnoName, Native.strerror(errno), betterHint);
        copy.initCause(this);
        return copy;
    }

    private static String format(String call, String errnoName, String detail, String hint) {
        StringBuilder text = new StringBuilder(call).append(": ").append(errnoName).append(" (")
                .append(detail).append(')');
        if (hint != null) {
            text.append(": ").append(hint);
        }
        return text.toString();
    }

    static String errnoName(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || e == Errno.__UNKNOWN_CONSTANT__ ? "errno " + errno : e.name();
    }

    /**
     * True when {@code message}, that of an IOException the JDK raised for a failed system call,
     * reports {@code errno}. The JDK words it with strerror in the process's locale, so the text
     * is compared with strerror's own, never with English words.
     */
    public static boolean reports(String message, int errno) {
        return message != null && message.contains(Native.strerror(errno));
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return errnoName;
    }

    /** The hint for the user, or null. */
    public String hint() {
        return hint;
    }

    /** EPERM or EACCES: the caller lacks a privilege (exit status 3). */
    public boolean isPermissionDenied() {
        // A send refused (prohibit route, firewall) is not about privileges: the socket is open.
        return (errno == LinuxConstants.EPERM || errno == LinuxConstants.EACCES) && !call.startsWith("send");
    }
}
