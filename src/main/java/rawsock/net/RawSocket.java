package rawsock.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * A raw socket (AF_INET, AF_INET6 or AF_PACKET) with typed option setters, sendmsg and recvmsg.
 * The msghdr, iovec, address and control buffers live in native memory allocated once per socket
 * and reused, so the send and receive loops allocate nothing. Not thread-safe: one socket, one
 * thread.
 */
public final class RawSocket implements AutoCloseable {
    private static final int CONTROL_SIZE = ReceiveInfo.CONTROL_SIZE;
    /** Largest IP packet; heap buffers are staged through a direct buffer of this size. */
    private static final int MAX_PACKET = 65535 + 14 + 4;
    /** At most this many queued packets are discarded by {@link #drain}. */
    private static final int DRAIN_LIMIT = 1 << 16;

    private final Family family;
    private final int fd;
    private boolean closed;

    private final ByteBuffer options = Native.allocate(Layouts.TIMEVAL_SIZE);
    private final Pointer optionsPointer = Native.pointer(options);
    private final ByteBuffer optionLength = Native.allocate(4);
    private final Pointer optionLengthPointer = Native.pointer(optionLength);

    private final ByteBuffer sendHeader = Native.allocate(Layouts.MSGHDR_SIZE + Layouts.IOVEC_SIZE);
    private final Pointer sendHeaderPointer = Native.pointer(sendHeader);
    private final ByteBuffer sendAddress = Native.allocate(Layouts.SOCKADDR_STORAGE_SIZE);
    private final DirectAddresses sendBuffers = new DirectAddresses();
    private ByteBuffer staging;
    private Object lastDestination;
    private boolean stampSends;
    private long lastSendRealtime;

    private final ByteBuffer recvHeader = Native.allocate(Layouts.MSGHDR_SIZE + Layouts.IOVEC_SIZE);
    private final Pointer recvHeaderPointer = Native.pointer(recvHeader);
    private final ByteBuffer recvAddress = Native.allocate(Layouts.SOCKADDR_STORAGE_SIZE);
    private final ByteBuffer recvControl = Native.allocate(CONTROL_SIZE);
    private final DirectAddresses recvBuffers = new DirectAddresses();

    /** Allocates the native memory (the field initialisers), and only then creates the socket. */
    private RawSocket(Family family, int protocol) throws NativeException {
        this.family = family;
        int wireProtocol = family == Family.PACKET ? Short.reverseBytes((short) protocol) & 0xffff : protocol;
        this.fd = Native.LIBC.socket(family.value(), LinuxConstants.SOCK_RAW, wireProtocol);
        if (fd < 0) {
            throw Native.failure("socket(" + family.name().toLowerCase() + ", raw, " + protocol + ")", null);
        }
        long iov = Native.address(sendHeader) + Layouts.MSGHDR_SIZE;
        sendHeader.putLong(Layouts.MSGHDR_NAME, Native.address(sendAddress));
        sendHeader.putLong(Layouts.MSGHDR_IOV, iov);
        sendHeader.putLong(Layouts.MSGHDR_IOVLEN, 1);
        long recvIov = Native.address(recvHeader) + Layouts.MSGHDR_SIZE;
        recvHeader.putLong(Layouts.MSGHDR_NAME, Native.address(recvAddress));
        recvHeader.putLong(Layouts.MSGHDR_IOV, recvIov);
        recvHeader.putLong(Layouts.MSGHDR_IOVLEN, 1);
        recvHeader.putLong(Layouts.MSGHDR_CONTROL, Native.address(recvControl));
    }

    /**
     * Opens a raw socket. For {@link Family#PACKET} {@code protocol} is the ethertype
     * (ETH_P_ALL for every frame), otherwise the IP protocol number.
     */
    public static RawSocket open(Family family, int protocol) throws NativeException {
        return open(family, protocol, socket -> { });
    }

    /**
     * Opens a raw socket and runs {@code first} on it at once. The kernel queues packets from the
     * moment socket() returns, into a default-sized buffer and without the metadata options that
     * are recorded as a packet is queued; so everything a call can need (this socket's native
     * memory, the option setters) is ready before socket(), and {@code first} follows it within
     * microseconds.
     */
    public static RawSocket open(Family family, int protocol, Setup first) throws NativeException {
        RawSocket socket = new RawSocket(family, protocol);
        try {
            first.apply(socket);
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Options set on a socket right after it is created. */
    @FunctionalInterface
    public interface Setup {
        void apply(RawSocket socket) throws NativeException;
    }

    public Family family() {
        return family;
    }

    /** The file descriptor, for diagnostics and tests. */
    public int fd() {
        return fd;
    }

    // ---- options -------------------------------------------------------------------------

    /** IP_HDRINCL (IPv4) or IPV6_HDRINCL (IPv6): the caller writes the IP header itself. */
    public void setHeaderIncluded(boolean on) throws NativeException {
        setIntOfFamily(LinuxConstants.IPV6_HDRINCL, "IPV6_HDRINCL", LinuxConstants.IP_HDRINCL, "IP_HDRINCL", on ? 1 : 0);
    }

    /** SO_BINDTODEVICE: send and receive only through interface {@code name}. */
    public void bindToDevice(String name) throws NativeException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= LinuxConstants.IFNAMSIZ) {
            throw NativeException.of("setsockopt(SO_BINDTODEVICE, " + name + ")", LinuxConstants.ENODEV,
                    "no such interface: " + name + " (names are 1 to 15 bytes)");
        }
        ByteBuffer value = Native.allocate(LinuxConstants.IFNAMSIZ);
        value.put(0, bytes);
        setOption(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_BINDTODEVICE, Native.pointer(value), bytes.length + 1,
                "setsockopt(SO_BINDTODEVICE, " + name + ")", name);
    }

    /** SO_TIMESTAMPNS: the kernel attaches a nanosecond receive time to every packet. */
    public void enableTimestamps() throws NativeException {
        setInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS");
    }

    /**
     * IP_PKTINFO (IPv4), or for IPv6 IPV6_RECVPKTINFO with the hop limit, traffic class and flow
     * label: the arriving interface and the packet's destination address with every packet (on
     * IPv6 sockets, all that is needed to rebuild the header the kernel strips).
     */
    public void enablePacketInfo() throws NativeException {
        if (family == Family.INET) {
            setInt(LinuxConstants.SOL_IP, LinuxConstants.IP_PKTINFO, 1, "IP_PKTINFO");
        } else if (family == Family.INET6) {
            setInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
            setInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            setInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_RECVTCLASS, 1, "IPV6_RECVTCLASS");
            setInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_FLOWINFO, 1, "IPV6_FLOWINFO");
        }
    }

    /** SO_RXQ_OVFL: the kernel reports with each packet how many it dropped on this socket. */
    public void enableDropCounter() throws NativeException {
        setInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RXQ_OVFL, 1, "SO_RXQ_OVFL");
    }

    /**
     * Sets the receive buffer to {@code bytes}: SO_RCVBUFFORCE (root may exceed rmem_max), else
     * SO_RCVBUF. Returns what the kernel granted (it doubles the request for bookkeeping).
     */
    public int setReceiveBuffer(int bytes) throws NativeException {
        requestReceiveBuffer(bytes);
        return receiveBuffer();
    }

    /** The first half of {@link #setReceiveBuffer}: asks, without reading back what was granted. */
    public void requestReceiveBuffer(int bytes) throws NativeException {
        options.putInt(0, bytes);
        if (Native.LIBC.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUFFORCE, optionsPointer, 4) < 0) {
            setInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /** The receive buffer the kernel granted, in its own bookkeeping (twice what was asked). */
    public int receiveBuffer() throws NativeException {
        return getInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVBUF, "SO_RCVBUF");
    }

    /** IP_TTL or IPV6_UNICAST_HOPS for packets whose IP header the kernel writes. */
    public void setTtl(int ttl) throws NativeException {
        setIntOfFamily(LinuxConstants.IPV6_UNICAST_HOPS, "IPV6_UNICAST_HOPS", LinuxConstants.IP_TTL, "IP_TTL", ttl);
    }

    /**
     * IP_MULTICAST_TTL or IPV6_MULTICAST_HOPS: the TTL of packets to a multicast group, which
     * IP_TTL / IPV6_UNICAST_HOPS do not touch (the kernel's default there is 1).
     */
    public void setMulticastTtl(int ttl) throws NativeException {
        setIntOfFamily(LinuxConstants.IPV6_MULTICAST_HOPS, "IPV6_MULTICAST_HOPS", LinuxConstants.IP_MULTICAST_TTL,
                "IP_MULTICAST_TTL", ttl);
    }

    /** IP_MULTICAST_IF (a struct ip_mreqn naming the index) or IPV6_MULTICAST_IF: where multicast leaves. */
    public void setMulticastInterface(int ifindex) throws NativeException {
        if (family == Family.INET6) {
            setInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
            return;
        }
        options.putLong(0, 0);
        options.putInt(Layouts.IMR_IFINDEX, ifindex);
        setOption(LinuxConstants.SOL_IP, LinuxConstants.IP_MULTICAST_IF, optionsPointer, Layouts.IP_MREQN_SIZE,
                "setsockopt(IP_MULTICAST_IF, ifindex " + ifindex + ")", Interfaces.nameOf(ifindex));
    }

    /** The IPv6-level option on an IPv6 socket, the IPv4-level one on any other: one setting, two spellings. */
    private void setIntOfFamily(int ipv6Option, String ipv6Name, int ipOption, String ipName, int value)
            throws NativeException {
        if (family == Family.INET6) {
            setInt(LinuxConstants.SOL_IPV6, ipv6Option, value, ipv6Name);
        } else {
            setInt(LinuxConstants.SOL_IP, ipOption, value, ipName);
        }
    }

    /** SO_BROADCAST: without it the kernel refuses a send to a broadcast address with EACCES. */
    public void setBroadcast(boolean on) throws NativeException {
        setInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_BROADCAST, on ? 1 : 0, "SO_BROADCAST");
    }

    /** IP_TOS or IPV6_TCLASS for packets whose IP header the kernel writes. */
    public void setTos(int tos) throws NativeException {
        setIntOfFamily(LinuxConstants.IPV6_TCLASS, "IPV6_TCLASS", LinuxConstants.IP_TOS, "IP_TOS", tos);
    }

    /**
     * IP_MTU_DISCOVER: with {@code dontFragment} the kernel sets DF and refuses packets larger
     * than the path MTU (EMSGSIZE); without it, it fragments them.
     */
    public void setPathMtuDiscovery(boolean dontFragment) throws NativeException {
        int value = dontFragment ? LinuxConstants.IP_PMTUDISC_DO : LinuxConstants.IP_PMTUDISC_DONT;
        setInt(LinuxConstants.SOL_IP, LinuxConstants.IP_MTU_DISCOVER, value, "IP_MTU_DISCOVER");
    }

    /**
     * SO_RCVTIMEO: a receive waits at most this long, then returns no packet, so loops can check
     * for signals and deadlines without a poll() per packet. 0 waits forever.
     */
    public void setReceiveTimeout(long micros) throws NativeException {
        options.putLong(0, micros / 1_000_000L);
        options.putLong(8, micros % 1_000_000L);
        setOption(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, optionsPointer, Layouts.TIMEVAL_SIZE,
                "setsockopt(SO_RCVTIMEO)", null);
    }

    /**
     * SO_ATTACH_FILTER: the kernel runs this classic BPF program on every packet.
     *
     * @param program an array of struct sock_filter (8 bytes each) in native byte order
     */
    public void attachFilter(byte[] program) throws NativeException {
        if (program.length == 0 || program.length % Layouts.SOCK_FILTER_SIZE != 0) {
            throw new IllegalArgumentException("a filter program is a non-empty array of 8-byte instructions");
        }
        ByteBuffer code = Native.allocate(program.length);
        code.put(0, program);
        ByteBuffer fprog = Native.allocate(Layouts.SOCK_FPROG_SIZE);
        fprog.putShort(0, (short) (program.length / Layouts.SOCK_FILTER_SIZE));
        fprog.putLong(Layouts.SOCK_FPROG_FILTER, Native.address(code));
        try {
            setOption(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_ATTACH_FILTER, Native.pointer(fprog),
                    Layouts.SOCK_FPROG_SIZE, "setsockopt(SO_ATTACH_FILTER)", null);
        } finally {
            // The kernel copies the program during the call; the buffer must live until then.
            java.lang.ref.Reference.reachabilityFence(code);
        }
    }

    /** bind() a packet socket to one interface (0 = all) and ethertype. */
    public void bindLink(int ifindex, int protocol) throws NativeException {
        ByteBuffer address = Native.allocate(Layouts.SOCKADDR_LL_SIZE);
        int length = SocketAddresses.writeLink(address, ifindex, protocol, null);
        if (Native.extra().bind(fd, Native.pointer(address), length) < 0) {
            throw Native.failure("bind(ifindex " + ifindex + ")", Interfaces.nameOf(ifindex));
        }
    }

    /**
     * The path MTU toward {@code destination} as the kernel knows it (its route, or what an ICMP
     * "fragmentation needed" taught it): connect() then IP_MTU / IPV6_MTU. The socket stays
     * connected, so this is for naming the MTU after a send failed, not for a socket still in use.
     */
    public int pathMtu(InetAddress destination) throws NativeException {
        ByteBuffer address = Native.allocate(Layouts.SOCKADDR_STORAGE_SIZE);
        int length = SocketAddresses.writeInet(address, destination, 0);
        if (Native.extra().connect(fd, Native.pointer(address), length) < 0) {
            throw Native.failure("connect", destination.getHostAddress());
        }
        return family == Family.INET6 ? getInt(LinuxConstants.SOL_IPV6, LinuxConstants.IPV6_MTU, "IPV6_MTU")
                : getInt(LinuxConstants.SOL_IP, LinuxConstants.IP_MTU, "IP_MTU");
    }

    /** PACKET_ADD_MEMBERSHIP with PACKET_MR_PROMISC: the interface delivers every frame it sees. */
    public void enablePromiscuous(int ifindex) throws NativeException {
        ByteBuffer mreq = Native.allocate(Layouts.PACKET_MREQ_SIZE);
        mreq.putInt(Layouts.MR_IFINDEX, ifindex);
        mreq.putShort(Layouts.MR_TYPE, (short) LinuxConstants.PACKET_MR_PROMISC);
        setOption(LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_ADD_MEMBERSHIP, Native.pointer(mreq),
                Layouts.PACKET_MREQ_SIZE,
                "setsockopt(PACKET_ADD_MEMBERSHIP)", Interfaces.nameOf(ifindex));
    }

    /**
     * PACKET_STATISTICS since the last call (the kernel resets them on read). A TPACKET_V3 socket
     * answers with struct tpacket_stats_v3, any other with struct tpacket_stats, which has no
     * ring-full count. Packet sockets only.
     */
    public PacketStatistics packetStatistics() throws NativeException {
        optionLength.putInt(0, Layouts.TPACKET_STATS_V3_SIZE);
        Native.check(Native.extra().getsockopt(fd, LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_STATISTICS,
                optionsPointer, optionLengthPointer), "getsockopt(PACKET_STATISTICS)");
        long ringFull = optionLength.getInt(0) >= Layouts.TPACKET_STATS_V3_SIZE
                ? options.getInt(Layouts.TP_FREEZE_Q_CNT) & 0xffffffffL : PacketStatistics.NOT_REPORTED;
        return new PacketStatistics(options.getInt(Layouts.TP_PACKETS) & 0xffffffffL,
                options.getInt(Layouts.TP_DROPS) & 0xffffffffL, ringFull);
    }

    /**
     * The kernel's count of packets it dropped on this socket so far (SO_MEMINFO's drops: the
     * counter SO_RXQ_OVFL reports, read now, so drops after the last packet received count too).
     */
    public long receiveDrops() throws NativeException {
        int size = LinuxConstants.SK_MEMINFO_VARS * 4;
        ByteBuffer meminfo = Native.allocate(size);
        optionLength.putInt(0, size);
        Native.check(Native.extra().getsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_MEMINFO,
                Native.pointer(meminfo), optionLengthPointer), "getsockopt(SO_MEMINFO)");
        return optionLength.getInt(0) > LinuxConstants.SK_MEMINFO_DROPS * 4
                ? meminfo.getInt(LinuxConstants.SK_MEMINFO_DROPS * 4) & 0xffffffffL : -1;
    }

    /** PACKET_AUXDATA: each packet comes with its VLAN tag, if the kernel took one out of the frame. */
    public void enableAuxData() throws NativeException {
        setInt(LinuxConstants.SOL_PACKET, LinuxConstants.PACKET_AUXDATA, 1, "PACKET_AUXDATA");
    }

    /** The error the socket holds (SO_ERROR, which clears it) as an exception naming {@code call}. */
    NativeException pendingError(String call) throws NativeException {
        int errno = getInt(LinuxConstants.SOL_SOCKET, LinuxConstants.SO_ERROR, "SO_ERROR");
        return NativeException.withHint(call, errno, null);
    }

    void setInt(int level, int name, int value, String label) throws NativeException {
        options.putInt(0, value);
        // The call's name is built only on failure: a string concatenation's first use costs
        // milliseconds, too long between socket() and the options that must follow it at once.
        if (Native.LIBC.setsockopt(fd, level, name, optionsPointer, 4) < 0) {
            throw Native.failure("setsockopt(" + label + ", " + value + ")", null);
        }
    }

    /**
     * setsockopt with {@code length} bytes at {@code value}; a refusal becomes an exception naming
     * {@code call}, with {@code subject} (an interface, or null) for the hint.
     */
    void setOption(int level, int name, Pointer value, int length, String call, String subject)
            throws NativeException {
        if (Native.LIBC.setsockopt(fd, level, name, value, length) < 0) {
            throw Native.failure(call, subject);
        }
    }

    /** getsockopt for an int option. */
    public int getInt(int level, int name, String label) throws NativeException {
        optionLength.putInt(0, 4);
        Native.check(Native.extra().getsockopt(fd, level, name, optionsPointer, optionLengthPointer),
                "getsockopt(" + label + ")");
        return options.getInt(0);
    }

    // ---- send ----------------------------------------------------------------------------

    /**
     * Sends the bytes from {@code packet.position()} to its limit to {@code destination} with
     * sendmsg (the position is not moved). Returns the bytes the kernel took.
     */
    public int send(ByteBuffer packet, InetAddress destination) throws NativeException {
        if (destination != lastDestination) {
            int length = SocketAddresses.writeInet(sendAddress, destination, 0);
            sendHeader.putInt(Layouts.MSGHDR_NAMELEN, length);
            lastDestination = destination;
        }
        return sendPrepared(packet, destination);
    }

    /** Sends a whole frame through a packet socket to interface {@code ifindex}. */
    public int sendFrame(ByteBuffer frame, int ifindex, int protocol, byte[] destinationMac) throws NativeException {
        int length = SocketAddresses.writeLink(sendAddress, ifindex, protocol, destinationMac);
        sendHeader.putInt(Layouts.MSGHDR_NAMELEN, length);
        lastDestination = null;
        String name = Interfaces.nameOf(ifindex);
        return sendPrepared(frame, name == null ? "ifindex " + ifindex : name);
    }

    private int sendPrepared(ByteBuffer packet, Object destination) throws NativeException {
        int length = packet.remaining();
        long base;
        if (packet.isDirect()) {
            base = sendBuffers.of(packet) + packet.position();
        } else {
            if (staging == null) {
                staging = Native.allocate(MAX_PACKET);
            }
            staging.clear();
            staging.put(0, packet, packet.position(), Math.min(length, MAX_PACKET));
            base = sendBuffers.of(staging);
        }
        long iov = Layouts.MSGHDR_SIZE;
        sendHeader.putLong((int) iov + Layouts.IOVEC_BASE, base);
        sendHeader.putLong((int) iov + Layouts.IOVEC_LEN, length);
        if (stampSends) {
            lastSendRealtime = Clock.realtimeNanos();
        }
        long rc = Native.LIBC.sendmsg(fd, sendHeaderPointer, 0);
        if (rc < 0) {
            int errno = Native.errno();
            String context = errno == LinuxConstants.EMSGSIZE
                    ? "packet of " + length + " bytes is larger than the MTU toward " + describe(destination)
                    : describe(destination);
            throw NativeException.withHint("sendmsg(" + length + " bytes to " + describe(destination) + ")",
                    errno, context);
        }
        return (int) rc;
    }

    /**
     * Sends entries 0..count-1 of {@code batch} with sendmmsg, calling again for what a partial
     * send left. Returns {@code count}.
     */
    public int send(SendBatch batch, int count) throws NativeException {
        int sent = 0;
        if (stampSends) {
            lastSendRealtime = Clock.realtimeNanos();
        }
        while (sent < count) {
            int rc = Native.extra().sendmmsg(fd, batch.entries(sent), count - sent, 0);
            if (rc < 0) {
                int errno = Native.errno();
                if (errno == LinuxConstants.EINTR) {
                    continue; // the send side of the EINTR rule (Native.waited): finish the batch
                }
                throw NativeException.withHint("sendmmsg(" + (count - sent) + " packets of " + batch.length(sent)
                        + " bytes)", errno, null);
            }
            sent += rc;
        }
        return sent;
    }

    private static String describe(Object destination) {
        if (destination instanceof InetAddress) {
            InetAddress address = (InetAddress) destination;
            return address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
        }
        return String.valueOf(destination);
    }

    // ---- receive -------------------------------------------------------------------------

    /**
     * Receives one packet into {@code into} (from its position up to its limit, which is then
     * set to the end of the stored bytes; the position is not moved) and describes it in
     * {@code info}. Returns false, storing nothing, when the receive timeout passed or a signal
     * interrupted the wait.
     */
    public boolean receive(ByteBuffer into, ReceiveInfo info) throws NativeException {
        if (!into.isDirect()) {
            throw new IllegalArgumentException("receive needs a direct buffer");
        }
        int capacity = into.remaining();
        recvHeader.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_BASE, recvBuffers.of(into) + into.position());
        recvHeader.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_LEN, capacity);
        // The kernel rewrites both lengths on every call.
        recvHeader.putInt(Layouts.MSGHDR_NAMELEN, Layouts.SOCKADDR_STORAGE_SIZE);
        recvHeader.putLong(Layouts.MSGHDR_CONTROLLEN, CONTROL_SIZE);
        recvHeader.putInt(Layouts.MSGHDR_FLAGS, 0);
        long rc = Native.waited(Native.extra().recvmsg(fd, recvHeaderPointer, LinuxConstants.MSG_TRUNC), "recvmsg");
        if (rc == Native.NOTHING) {
            return false;
        }
        info.describe(rc, capacity, recvHeader, 0, recvAddress, recvControl);
        into.limit(into.position() + info.capturedLength);
        return true;
    }

    /**
     * Receives up to a batch of packets with one recvmmsg: waits (up to the receive timeout) for
     * the first, then takes what is already queued (MSG_WAITFORONE). Returns how many arrived; 0
     * when the timeout passed or a signal came. Read them with {@link ReceiveBatch#packet}.
     */
    public int receive(ReceiveBatch batch) throws NativeException {
        return receive(batch, LinuxConstants.MSG_WAITFORONE);
    }

    /**
     * Takes up to a batch of the packets already queued on the socket, without waiting. Returns
     * how many; fewer than the batch holds means the queue was empty when the call ended.
     */
    public int receiveQueued(ReceiveBatch batch) throws NativeException {
        return receive(batch, LinuxConstants.MSG_DONTWAIT);
    }

    private int receive(ReceiveBatch batch, int flags) throws NativeException {
        batch.reset();
        long rc = Native.waited(Native.extra().recvmmsg(fd, batch.entries(), batch.capacity(),
                flags | LinuxConstants.MSG_TRUNC, null), "recvmmsg");
        return rc == Native.NOTHING ? 0 : (int) rc;
    }

    /**
     * Discards what was queued before the socket's options and filter were in place: those
     * packets passed no filter and carry no PKTINFO or timestamp. For sockets that wait for
     * answers to probes not yet sent (nothing of theirs can be queued yet); recv keeps its
     * backlog instead. Bounded, so a flood cannot keep it here. Returns the packets discarded.
     */
    public int drain() throws NativeException {
        ByteBuffer scratch = Native.allocate(64);
        long base = Native.address(scratch);
        int discarded = 0;
        while (discarded < DRAIN_LIMIT) {
            recvHeader.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_BASE, base);
            recvHeader.putLong(Layouts.MSGHDR_SIZE + Layouts.IOVEC_LEN, scratch.capacity());
            recvHeader.putInt(Layouts.MSGHDR_NAMELEN, Layouts.SOCKADDR_STORAGE_SIZE);
            recvHeader.putLong(Layouts.MSGHDR_CONTROLLEN, CONTROL_SIZE);
            long rc = Native.waited(Native.extra().recvmsg(fd, recvHeaderPointer,
                    LinuxConstants.MSG_DONTWAIT | LinuxConstants.MSG_TRUNC), "recvmsg");
            if (rc == Native.NOTHING) {
                break;
            }
            discarded++;
        }
        java.lang.ref.Reference.reachabilityFence(scratch);
        return discarded;
    }

    /**
     * Reads CLOCK_REALTIME right before every sendmsg, for round-trip times against the kernel's
     * receive timestamps: as close to the system call as user space gets.
     */
    public void enableSendTimestamps() {
        stampSends = true;
        warmUp();
    }

    /** CLOCK_REALTIME (ns) read just before the last sendmsg, with {@link #enableSendTimestamps}. */
    public long lastSendRealtime() {
        return lastSendRealtime;
    }

    /**
     * Makes the first real sendmsg and clock read as fast as the rest: JNR-FFI links a native
     * stub on its first call, which would otherwise land inside the first probe's measured
     * round trip. Calls sendmsg on fd -1 (EBADF, nothing is sent).
     */
    private void warmUp() {
        Native.LIBC.sendmsg(-1, sendHeaderPointer, 0);
        Clock.realtimeNanos();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Native.LIBC.close(fd);
        }
    }
}
