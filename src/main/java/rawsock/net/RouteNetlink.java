package rawsock.net;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's routing socket (NETLINK_ROUTE), asked for two dumps: every link (RTM_GETLINK) and
 * every address (RTM_GETADDR). What {@code ip link} and {@code ip addr} read, for every interface
 * of the calling thread's network namespace, with no privileges needed. Replies are read into one
 * buffer and walked with every length checked against what arrived, so a short or odd message
 * ends the walk instead of reading past it.
 */
final class RouteNetlink implements AutoCloseable {
    /**
     * Room for one read. The kernel fills a dump's reads to at most 32 KiB unless one message
     * needs more; a read cut short (MSG_TRUNC) is an error, never a silently shorter list.
     */
    private static final int REPLY_BYTES = 1 << 18;
    /** A dump interrupted by a change (NLM_F_DUMP_INTR) is asked again, this many times at most. */
    private static final int ATTEMPTS = 5;
    /** How long one read may wait for the kernel's answer (it answers at once). */
    private static final long WAIT_MICROS = 2_000_000;

    private final int fd;
    /** A msghdr and its one iovec, reused for the request and every read. */
    private final ByteBuffer header = Native.allocate(Layouts.MSGHDR_SIZE + Layouts.IOVEC_SIZE);
    private final ByteBuffer request = Native.allocate(Layouts.NLMSGHDR_SIZE + Layouts.IFINFOMSG_SIZE);
    private final ByteBuffer reply = Native.allocate(REPLY_BYTES);
    private int sequence;

    private RouteNetlink(int fd) {
        this.fd = fd;
        long base = Native.address(header);
        header.putLong(Layouts.MSGHDR_IOV, base + Layouts.MSGHDR_SIZE);
        header.putLong(Layouts.MSGHDR_IOVLEN, 1);
    }

    static RouteNetlink open() throws NativeException {
        int fd = Native.check(Native.LIBC.socket(LinuxConstants.AF_NETLINK,
                LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC, LinuxConstants.NETLINK_ROUTE), "socket(AF_NETLINK)");
        RouteNetlink socket = new RouteNetlink(fd);
        try {
            ByteBuffer timeout = Native.allocate(Layouts.TIMEVAL_SIZE);
            timeout.putLong(0, WAIT_MICROS / 1_000_000L).putLong(8, WAIT_MICROS % 1_000_000L);
            Native.check(Native.LIBC.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO,
                    Native.address(timeout), Layouts.TIMEVAL_SIZE), "setsockopt(SO_RCVTIMEO)");
            Reference.reachabilityFence(timeout);
        } catch (NativeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Every interface, in index order, with its addresses in the kernel's order. */
    List<InterfaceInfo> interfaces() throws NativeException {
        Map<Integer, InterfaceInfo> links = new TreeMap<>();
        for (ByteBuffer message : dump(LinuxConstants.RTM_GETLINK, LinuxConstants.RTM_NEWLINK, Layouts.IFINFOMSG_SIZE)) {
            InterfaceInfo link = link(message);
            if (link != null) {
                links.put(link.index(), link);
            }
        }
        for (ByteBuffer message : dump(LinuxConstants.RTM_GETADDR, LinuxConstants.RTM_NEWADDR, Layouts.IFADDRMSG_SIZE)) {
            InterfaceInfo link = links.get(message.getInt(Layouts.NLMSGHDR_SIZE + Layouts.IFA_INDEX));
            InterfaceInfo.Address address = address(message);
            // An address of an interface that came after the link dump waits for the next listing.
            if (link != null && address != null) {
                link.addresses().add(address);
            }
        }
        return new ArrayList<>(links.values());
    }

    /** RTM_NEWLINK: the ifinfomsg, then IFLA_ attributes; null without a name (never seen). */
    static InterfaceInfo link(ByteBuffer message) {
        int body = Layouts.NLMSGHDR_SIZE;
        String name = null;
        byte[] hardware = null;
        int mtu = 0;
        int operState = 0;
        for (int at = body + Layouts.IFINFOMSG_SIZE; at + Layouts.RTATTR_SIZE <= message.limit(); ) {
            int length = message.getShort(at) & 0xffff;
            int type = message.getShort(at + 2) & LinuxConstants.NLA_TYPE_MASK;
            if (length < Layouts.RTATTR_SIZE || at + length > message.limit()) {
                break;
            }
            int value = at + Layouts.RTATTR_SIZE;
            int size = length - Layouts.RTATTR_SIZE;
            if (type == LinuxConstants.IFLA_IFNAME) {
                name = cString(message, value, size);
            } else if (type == LinuxConstants.IFLA_ADDRESS) {
                hardware = bytes(message, value, size);
            } else if (type == LinuxConstants.IFLA_MTU && size >= 4) {
                mtu = message.getInt(value);
            } else if (type == LinuxConstants.IFLA_OPERSTATE && size >= 1) {
                operState = message.get(value) & 0xff;
            }
            at += Layouts.netlinkAlign(length);
        }
        if (name == null) {
            return null;
        }
        return new InterfaceInfo(message.getInt(body + Layouts.IFI_INDEX), name, message.getInt(body + Layouts.IFI_FLAGS),
                operState, hardware, message.getShort(body + Layouts.IFI_TYPE) & 0xffff, mtu, new ArrayList<>());
    }

    /** RTM_NEWADDR: the ifaddrmsg, then IFA_ attributes; null for families other than IPv4 and IPv6. */
    static InterfaceInfo.Address address(ByteBuffer message) {
        int body = Layouts.NLMSGHDR_SIZE;
        int family = message.get(body + Layouts.IFA_FAMILY) & 0xff;
        int size = family == LinuxConstants.AF_INET ? 4 : family == LinuxConstants.AF_INET6 ? 16 : 0;
        if (size == 0) {
            return null;
        }
        byte[] address = null;
        byte[] local = null;
        byte[] broadcast = null;
        for (int at = body + Layouts.IFADDRMSG_SIZE; at + Layouts.RTATTR_SIZE <= message.limit(); ) {
            int length = message.getShort(at) & 0xffff;
            int type = message.getShort(at + 2) & LinuxConstants.NLA_TYPE_MASK;
            if (length < Layouts.RTATTR_SIZE || at + length > message.limit()) {
                break;
            }
            if (length - Layouts.RTATTR_SIZE == size) {
                byte[] value = bytes(message, at + Layouts.RTATTR_SIZE, size);
                if (type == LinuxConstants.IFA_ADDRESS) {
                    address = value;
                } else if (type == LinuxConstants.IFA_LOCAL) {
                    local = value;
                } else if (type == LinuxConstants.IFA_BROADCAST) {
                    broadcast = value;
                }
            }
            at += Layouts.netlinkAlign(length);
        }
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's on a point-to-point link.
        byte[] own = local != null ? local : address;
        if (own == null) {
            return null;
        }
        return new InterfaceInfo.Address(family, own, message.get(body + Layouts.IFA_PREFIXLEN) & 0xff,
                message.get(body + Layouts.IFA_SCOPE) & 0xff, broadcast);
    }

    /**
     * The messages of one dump, each a heap buffer from its nlmsghdr to its end (native byte
     * order), asked again when the kernel says a change interrupted it.
     */
    private List<ByteBuffer> dump(int request, int answer, int bodySize) throws NativeException {
        String call = request == LinuxConstants.RTM_GETLINK ? "netlink RTM_GETLINK" : "netlink RTM_GETADDR";
        for (int attempt = 1; ; attempt++) {
            List<ByteBuffer> messages = new ArrayList<>();
            boolean interrupted = ask(request, bodySize, call, answer, messages);
            if (!interrupted || attempt == ATTEMPTS) {
                return messages;
            }
        }
    }

    /** Sends one dump request and reads its answer into {@code messages}; true when it was interrupted. */
    private boolean ask(int type, int bodySize, String call, int answer, List<ByteBuffer> messages) throws NativeException {
        int seq = ++sequence;
        int length = Layouts.NLMSGHDR_SIZE + bodySize;
        for (int i = 0; i < request.capacity(); i++) {
            request.put(i, (byte) 0);
        }
        request.putInt(Layouts.NLMSG_LEN, length);
        request.putShort(Layouts.NLMSG_TYPE, (short) type);
        request.putShort(Layouts.NLMSG_FLAGS, (short) (LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_DUMP));
        request.putInt(Layouts.NLMSG_SEQ, seq);
        // The body (family AF_UNSPEC: every family) stays zero.
        point(request, length);
        Native.check(Native.LIBC.sendmsg(fd, Native.address(header), 0), call);
        boolean interrupted = false;
        long deadline = System.nanoTime() + 2 * WAIT_MICROS * 1000;
        while (true) {
            point(reply, REPLY_BYTES);
            long got = Native.waited(Native.extra().recvmsg(fd, Native.pointer(header), 0), call);
            if (got == Native.NOTHING) {
                if (System.nanoTime() > deadline) {
                    throw NativeException.of(call, LinuxConstants.EAGAIN, "the kernel did not finish the dump");
                }
                continue;
            }
            if ((header.getInt(Layouts.MSGHDR_FLAGS) & LinuxConstants.MSG_TRUNC) != 0) {
                throw NativeException.of(call, LinuxConstants.EMSGSIZE, "a reply larger than " + REPLY_BYTES + " bytes");
            }
            for (int at = 0; at + Layouts.NLMSGHDR_SIZE <= got; ) {
                int size = reply.getInt(at + Layouts.NLMSG_LEN);
                if (size < Layouts.NLMSGHDR_SIZE || at + size > got) {
                    throw NativeException.of(call, LinuxConstants.EINVAL, "a malformed reply (message of " + size
                            + " bytes at " + at + " of " + got + ")");
                }
                int kind = reply.getShort(at + Layouts.NLMSG_TYPE) & 0xffff;
                int flags = reply.getShort(at + Layouts.NLMSG_FLAGS) & 0xffff;
                if (reply.getInt(at + Layouts.NLMSG_SEQ) == seq) {
                    interrupted |= (flags & LinuxConstants.NLM_F_DUMP_INTR) != 0;
                    if (kind == LinuxConstants.NLMSG_DONE || kind == LinuxConstants.NLMSG_ERROR) {
                        int error = size >= Layouts.NLMSGHDR_SIZE + 4
                                ? reply.getInt(at + Layouts.NLMSGHDR_SIZE + Layouts.NLMSGERR_ERROR) : 0;
                        if (error < 0) {
                            throw NativeException.of(call, -error, null);
                        }
                        return interrupted;
                    }
                    if (kind == answer && size >= Layouts.NLMSGHDR_SIZE + bodySize) {
                        messages.add(copy(reply, at, size));
                    }
                }
                at += Layouts.netlinkAlign(size);
            }
        }
    }

    /** Points the iovec at the first {@code length} bytes of {@code buffer}. */
    private void point(ByteBuffer buffer, int length) {
        header.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_BASE, Native.address(buffer));
        header.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_LEN, length);
        header.putInt(Layouts.MSGHDR_FLAGS, 0);
    }

    private static ByteBuffer copy(ByteBuffer from, int at, int length) {
        byte[] bytes = new byte[length];
        from.get(at, bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private static byte[] bytes(ByteBuffer from, int at, int length) {
        byte[] bytes = new byte[length];
        from.get(at, bytes);
        return bytes;
    }

    /** A NUL-terminated string of at most {@code size} bytes. */
    private static String cString(ByteBuffer from, int at, int size) {
        int length = 0;
        while (length < size && from.get(at + length) != 0) {
            length++;
        }
        return new String(bytes(from, at, length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Native.LIBC.close(fd);
    }
}
