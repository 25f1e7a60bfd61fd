package rawsock.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interface names and indexes (if_nametoindex / if_indextoname, names cached per index), one
 * interface's MAC and IPv4 address by ioctl, and the list of them all with {@link #list}.
 */
public final class Interfaces {
    private static final Map<Integer, String> NAMES = new HashMap<>();
    // <linux/sockios.h>: the ioctls on a struct ifreq.
    private static final long SIOCGIFADDR = 0x8915;
    private static final long SIOCGIFHWADDR = 0x8927;

    private Interfaces() {
    }

    /**
     * Every interface of the calling thread's network namespace, in index order: flags, state,
     * hardware address, MTU and IPv4/IPv6 addresses, from the kernel's routing socket (what ip
     * reads). Needs no privileges.
     */
    public static List<InterfaceInfo> list() throws NativeException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            return netlink.interfaces();
        }
    }

    /** The index of interface {@code name}; NativeException (ENODEV, naming it) if none. */
    public static int indexOf(String name) throws NativeException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= LinuxConstants.IFNAMSIZ) {
            throw NativeException.of("if_nametoindex(" + name + ")", LinuxConstants.ENODEV,
                    "no such interface: " + name + " (names are 1 to 15 bytes)");
        }
        int index = Native.extra().if_nametoindex(name);
        if (index == 0) {
            throw NativeException.withHint("if_nametoindex(" + name + ")", LinuxConstants.ENODEV, name);
        }
        return index;
    }

    /**
     * The hardware (MAC) address of interface {@code name} (ioctl SIOCGIFHWADDR), whatever its
     * state; all zeros for interfaces without one (lo, tunnels).
     */
    public static byte[] hardwareAddress(String name) throws NativeException {
        ByteBuffer request = interfaceRequest(name, SIOCGIFHWADDR);
        byte[] mac = new byte[6];
        request.get(Layouts.IFR_HWADDR + Layouts.SA_DATA, mac);
        return mac;
    }

    /** The primary IPv4 address of interface {@code name} (ioctl SIOCGIFADDR), 4 bytes. */
    public static byte[] ipv4Address(String name) throws NativeException {
        ByteBuffer request = interfaceRequest(name, SIOCGIFADDR);
        byte[] address = new byte[4];
        request.get(Layouts.IFR_ADDR + Layouts.SIN_ADDR, address);
        return address;
    }

    /** An ioctl on struct ifreq (name, then a sockaddr) through a throwaway datagram socket. */
    private static ByteBuffer interfaceRequest(String name, long request) throws NativeException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        String call = (request == SIOCGIFHWADDR ? "ioctl(SIOCGIFHWADDR, " : "ioctl(SIOCGIFADDR, ") + name + ")";
        if (bytes.length == 0 || bytes.length >= LinuxConstants.IFNAMSIZ) {
            throw NativeException.of(call, LinuxConstants.ENODEV, "no such interface: " + name);
        }
        ByteBuffer ifreq = Native.allocate(Layouts.IFREQ_SIZE);
        ifreq.put(0, bytes);
        int fd = Native.check(Native.LIBC.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_DGRAM, 0), "socket");
        try {
            if (Native.extra().ioctl(fd, request, Native.pointer(ifreq)) < 0) {
                int errno = Native.errno();
                String hint = errno == LinuxConstants.EADDRNOTAVAIL ? name + " has no IPv4 address" : null;
                throw NativeException.withHint(call, errno, hint == null ? name : hint);
            }
        } finally {
            Native.LIBC.close(fd);
        }
        return ifreq;
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
        if (Native.extra().if_indextoname(index, Native.pointer(buffer)) == null) {
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
