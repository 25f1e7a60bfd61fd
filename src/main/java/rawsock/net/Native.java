package rawsock.net;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Loads libc once and gives the one shape every native call takes here: a negative return value
 * becomes a {@link NativeException} naming the call and its errno.
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
