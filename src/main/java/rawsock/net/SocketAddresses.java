package rawsock.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Writes and reads sockaddr_in, sockaddr_in6 and sockaddr_ll in native memory. Ports, addresses
 * and the link protocol are big-endian in these structs whatever the machine's byte order.
 */
final class SocketAddresses {
    private SocketAddresses() {
    }

    /** Writes {@code address} at offset 0 of {@code sockaddr}; returns the struct's length. */
    static int writeInet(ByteBuffer sockaddr, InetAddress address, int port) {
        clear(sockaddr, Layouts.SOCKADDR_IN6_SIZE);
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            sockaddr.putShort(Layouts.SIN_FAMILY, (short) LinuxConstants.AF_INET);
            sockaddr.putShort(Layouts.SIN_PORT, Short.reverseBytes((short) port));
            sockaddr.put(Layouts.SIN_ADDR, raw, 0, 4);
            return Layouts.SOCKADDR_IN_SIZE;
        }
        sockaddr.putShort(Layouts.SIN6_FAMILY, (short) LinuxConstants.AF_INET6);
        sockaddr.putShort(Layouts.SIN6_PORT, Short.reverseBytes((short) port));
        sockaddr.put(Layouts.SIN6_ADDR, raw, 0, 16);
        if (address instanceof Inet6Address) {
            sockaddr.putInt(Layouts.SIN6_SCOPE_ID, ((Inet6Address) address).getScopeId());
        }
        return Layouts.SOCKADDR_IN6_SIZE;
    }

    /** Writes a sockaddr_ll for sending or binding; {@code mac} may be null (bind). */
    static int writeLink(ByteBuffer sockaddr, int ifindex, int protocol, byte[] mac) {
        clear(sockaddr, Layouts.SOCKADDR_LL_SIZE);
        sockaddr.putShort(Layouts.SLL_FAMILY, (short) LinuxConstants.AF_PACKET);
        sockaddr.putShort(Layouts.SLL_PROTOCOL, Short.reverseBytes((short) protocol));
        sockaddr.putInt(Layouts.SLL_IFINDEX, ifindex);
        if (mac != null) {
            sockaddr.put(Layouts.SLL_HALEN, (byte) mac.length);
            sockaddr.put(Layouts.SLL_ADDR, mac, 0, Math.min(mac.length, 8));
        }
        return Layouts.SOCKADDR_LL_SIZE;
    }

    /**
     * Reads the sender's address the kernel wrote into msg_name into {@code info}: the IP address
     * for AF_INET/AF_INET6, or ifindex, pkttype, protocol and MAC for AF_PACKET.
     */
    static void read(ByteBuffer sockaddr, int length, ReceiveInfo info) {
        read(sockaddr, 0, length, info);
    }

    /** {@link #read(ByteBuffer, int, ReceiveInfo)} of the struct at {@code at} (the ring's frames carry one). */
    static void read(ByteBuffer sockaddr, int at, int length, ReceiveInfo info) {
        if (length < 2) {
            return;
        }
        int family = sockaddr.getShort(at) & 0xffff;
        if (family == LinuxConstants.AF_INET && length >= Layouts.SOCKADDR_IN_SIZE) {
            sockaddr.get(at + Layouts.SIN_ADDR, info.source, 0, 4);
            info.sourceLength = 4;
        } else if (family == LinuxConstants.AF_INET6 && length >= Layouts.SOCKADDR_IN6_SIZE) {
            sockaddr.get(at + Layouts.SIN6_ADDR, info.source, 0, 16);
            info.sourceLength = 16;
        } else if (family == LinuxConstants.AF_PACKET && length >= Layouts.SLL_ADDR) {
            info.linkProtocol = Short.reverseBytes(sockaddr.getShort(at + Layouts.SLL_PROTOCOL)) & 0xffff;
            info.ifindex = sockaddr.getInt(at + Layouts.SLL_IFINDEX);
            info.pktType = sockaddr.get(at + Layouts.SLL_PKTTYPE) & 0xff;
            int halen = Math.min(sockaddr.get(at + Layouts.SLL_HALEN) & 0xff, 8);
            sockaddr.get(at + Layouts.SLL_ADDR, info.source, 0, halen);
            info.sourceLength = halen;
        }
    }

    private static void clear(ByteBuffer buffer, int length) {
        for (int i = 0; i < length; i++) {
            buffer.put(i, (byte) 0);
        }
    }
}
