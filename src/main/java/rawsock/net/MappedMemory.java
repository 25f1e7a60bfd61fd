package rawsock.net;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * Private anonymous memory from mmap, given back with munmap the moment it is released: outside
 * the Java heap and its direct-memory limit (recv runs with a small heap), and returned to the
 * system at once rather than when a garbage collector gets round to it. Pages cost nothing until
 * they are first written. Not thread-safe; release it once, from any thread, when no view of it
 * is used any more.
 */
public final class MappedMemory {
    private final long address;
    private final int size;
    private final ByteBuffer buffer;
    private boolean released;

    private MappedMemory(long address, int size) {
        this.address = address;
        this.size = size;
        this.buffer = MemoryIO.getInstance().newDirectByteBuffer(address, size).order(ByteOrder.BIG_ENDIAN);
    }

    /** Maps {@code size} bytes of zeroed memory. */
    public static MappedMemory map(int size) throws NativeException {
        long address = Native.extra().mmap(null, size, LinuxConstants.PROT_READ | LinuxConstants.PROT_WRITE,
                LinuxConstants.MAP_PRIVATE | LinuxConstants.MAP_ANONYMOUS, -1, 0);
        if (address == -1) {
            throw NativeException.withHint("mmap(" + size + " bytes)", Native.errno(), null);
        }
        return new MappedMemory(address, size);
    }

    /** The whole region, big-endian, position 0; every call returns the same buffer. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public int size() {
        return size;
    }

    /** Unmaps the region; no view of it may be touched afterwards. */
    public void release() {
        if (!released) {
            released = true;
            Native.extra().munmap(Pointer.wrap(Native.RUNTIME, address), size);
        }
    }
}
