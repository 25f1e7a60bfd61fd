import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Open TCP ports for a scan to find, from the JDK's own sockets (not rawsock's). Run with Java's
 * source launcher inside a lab host's namespace (scripts/netns-lab listen does):
 * {@code java scripts/PortListener.java [-t SECONDS] PORT...}. It listens on every port given
 * (IPv4 and IPv6), says "listening on N ports" on stderr, and ends when killed or after SECONDS
 * (default 120, at most 3600): never forgotten for long.
 */
public final class PortListener {
    private PortListener() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long seconds = 120;
        List<ServerSocket> sockets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-t") && i + 1 < args.length) {
                seconds = Math.min(3600, Long.parseLong(args[++i]));
                continue;
            }
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(Integer.parseInt(args[i])), 128);
            sockets.add(socket);
        }
        System.err.println("listening on " + sockets.size() + " ports");
        System.err.flush();
        Thread.sleep(seconds * 1000);
        for (ServerSocket socket : sockets) {
            socket.close();
        }
    }
}
