package rawsock.net;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Loads libc once and gives the shapes a native call takes here: a negative return value becomes
 * a {@link NativeException} naming the call and its errno ({@link #check}, {@link #failure}),
 * except that a call waiting for packets returns {@link #NOTHING} when a signal or an empty
 * socket ended the wait ({@link #waited}, where the EINTR rule is written).
 */
final class Native {
    static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    /** Loaded on first use: a one-shot send never needs it. */
    private static final class Extra {
        static final LibCExtra LIBC = LibraryLoader.create(LibCExtra.class).failImmediately().load("c");
    }

    static LibCExtra extra() {
        return Extra.LIBC;
    }

    private Native() {
    }

    /** errno of the last failed call on this thread; meaningful only right after a failure. */
    static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    static int check(int rc, String call) throws NativeException {
        if (rc < 0) {
            throw NativeException.of(call, errno(), null);
        }
        return rc;
    }

    static long check(long rc, String call) throws NativeException {
        if (rc < 0) {
            throw NativeException.of(call, errno(), null);
        }
        return rc;
    }

    /**
     * What {@link #waited} returns when a call had nothing to give: never a valid result, as every
     * other negative return becomes an exception.
     */
    static final long NOTHING = -1;

    /**
     * The one EINTR rule, for the calls that wait for packets (recvmsg, recvmmsg, poll): a signal
     * (EINTR) or an empty non-blocking socket (EAGAIN, also what a receive timeout ends with) means
     * "nothing yet", never an error, and is not retried here. The caller's loop then looks at its
     * stop flag, which the SIGINT/SIGTERM handlers set, before it waits again; retrying inside
     * would keep a capture waiting after the user asked it to stop. Sends do not follow it:
     * sendmmsg retries what an interrupted batch left (the batch is bounded and its packets are
     * already built), and sendmsg reports a failure with what it knows of the packet and the MTU.
     * Returns {@code rc}, or {@link #NOTHING}; any other failure becomes a NativeException naming
     * the call and errno, with the hint chosen for them.
     */
    static long waited(long rc, String call) throws NativeException {
        if (rc >= 0) {
            return rc;
        }
        int errno = errno();
        if (errno == LinuxConstants.EINTR || errno == LinuxConstants.EAGAIN) {
            return NOTHING;
        }
        throw NativeException.withHint(call, errno, null);
    }

    /** The failure of the call that just returned -1, as a NativeException with the hint for {@code context}. */
    static NativeException failure(String call, String context) {
        return NativeException.withHint(call, errno(), context);
    }

    /**
     * Native memory for structs, zeroed, in native byte order. A direct ByteBuffer is freed when
     * it becomes unreachable (unlike large Memory.allocateDirect blocks, freed only by
     * finalization), and Java reads and writes its fields without a native call.
     */
    static ByteBuffer allocate(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    /** A Pointer to the first byte of a direct buffer (its address, not its position). */
    static Pointer pointer(ByteBuffer direct) {
        return Pointer.wrap(RUNTIME, address(direct));
    }

    /** Address of the first byte of a direct buffer. */
    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("native calls need a direct buffer");
        }
        return Pointer.wrap(RUNTIME, direct.duplicate().clear()).address();
    }

    static String strerror(int errno) {
        String text = extra().strerror(errno);
        return text == null ? "errno " + errno : text;
    }
}
