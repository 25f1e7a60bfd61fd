package rawsock.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Random marks for test traffic, so concurrent traffic on lo can neither fool nor break a test. */
public final class Marks {
    private Marks() {
    }

    /** A random 16-bit value that is neither 0 nor 0xffff. */
    public static int id() {
        return 1 + ThreadLocalRandom.current().nextInt(0xfffe);
    }

    /** A printable payload unlikely to appear in anyone else's packet. */
    public static String payload() {
        return "rawsock-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** A UDP port nobody listens on right now (bound, then released). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A TCP port nobody listens on right now. */
    public static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
