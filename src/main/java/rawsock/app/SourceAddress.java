package rawsock.app;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;

/**
 * The source address the kernel will use toward a destination, needed for the UDP/TCP
 * pseudo-header checksum when the kernel (not rawsock) writes the IP header. Found by connecting
 * a UDP socket, which only consults the routing table and sends nothing.
 */
final class SourceAddress {
    private SourceAddress() {
    }

    static InetAddress toward(InetAddress destination, String iface) throws IOException {
        if (iface != null) {
            NetworkInterface network = NetworkInterface.getByName(iface);
            if (network == null) {
                throw new IOException("no such interface: " + iface);
            }
            Enumeration<InetAddress> addresses = network.getInetAddresses();
            while (addresses.hasMoreElements()) {
                InetAddress address = addresses.nextElement();
                if (address.getClass() == destination.getClass()) {
                    return address;
                }
            }
            throw new IOException("interface " + iface + " has no " + (destination instanceof Inet4Address ? "IPv4" : "IPv6")
                    + " address to send from");
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(destination, 9));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IOException("no route to " + destination.getHostAddress());
            }
            return local;
        } catch (SocketException e) {
            throw new IOException("no route to " + destination.getHostAddress() + ": " + e.getMessage(), e);
        }
    }
}
