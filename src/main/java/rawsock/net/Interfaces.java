package rawsock.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Interface names and indexes (if_nametoindex / if_indextoname), names cached per index. */
public final class Interfaces {
    private static final Map<Integer, String> NAMES = new HashMap<>();

    private Interfaces() {
    }

    /** The index of interface {@code name}; NativeException (ENODEV, naming it) if none. */
    public static int indexOf(String name) throws NativeException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= LinuxConstants.IFNAMSIZ) {
            throw NativeException.of("if_nametoindex(" + name + ")", LinuxConstants.ENODEV,
                    "no such interface: " + name + " (names are 1 to 15 bytes)");
        }
        int index = Native.LIBC.if_nametoindex(name);
        if (index == 0) {
            throw NativeException.withHint("if_nametoindex(" + name + ")", LinuxConstants.ENODEV, name);
        }
        return index;
    }

    /** The name of interface {@code index}, or null when there is none (it may have gone). */
    public static synchronized String nameOf(int index) {
        if (index <= 0) {
            return null;
        }
        String cached = NAMES.get(index);
        if (cached != null) {
            return cached;
        }
        ByteBuffer buffer = Native.allocate(LinuxConstants.IFNAMSIZ);
        if (Native.LIBC.if_indextoname(index, Native.pointer(buffer)) == null) {
            return null;
        }
        int length = 0;
        while (length < LinuxConstants.IFNAMSIZ && buffer.get(length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        buffer.get(0, bytes);
        String name = new String(bytes, StandardCharsets.UTF_8);
        NAMES.put(index, name);
        return name;
    }
}
