package rawsock.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Open TCP ports for a scan to find, from the JDK's own sockets (not rawsock's): run as a
 * process inside a lab host's namespace ({@code ip netns exec NS java -cp ... PortListener 22 80}),
 * it listens on every port given (IPv4 and IPv6), says "listening" on stderr, and ends when its
 * stdin closes or after two minutes, whichever comes first.
 */
public final class PortListener {
    private PortListener() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<ServerSocket> sockets = new ArrayList<>();
        for (String port : args) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(Integer.parseInt(port)), 128);
            sockets.add(socket);
        }
        System.err.println("listening on " + sockets.size() + " ports");
        System.err.flush();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until closed
                }
            } catch (IOException e) {
                // closed
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(120_000);
        for (ServerSocket socket : sockets) {
            socket.close();
        }
    }
}
