package rawsock.net;

import jnr.ffi.LastError;

/**
 * Lowers the scheduling priority (nice value) of the calling thread alone: on Linux each thread
 * has its own, setpriority(PRIO_PROCESS, tid) sets it, and threads it creates afterwards inherit
 * it. Java's thread priorities do not reach the kernel on Linux.
 */
public final class ThreadNice {
    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {
    }

    /** The calling thread's nice value, or null when it cannot be read. */
    public static Integer get() {
        try {
            LastError.setLastError(Native.RUNTIME, 0);
            int nice = Native.extra().getpriority(PRIO_PROCESS, Native.extra().gettid());
            return nice == -1 && Native.errno() != 0 ? null : nice;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Sets the calling thread's nice value to {@code nice}; false when the kernel refused. */
    public static boolean set(int nice) {
        try {
            return Native.extra().setpriority(PRIO_PROCESS, Native.extra().gettid(), nice) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // A libc without gettid (before glibc 2.30): the thread keeps its priority.
            return false;
        }
    }
}
