package rawsock.testing;

import java.io.IOException;

/**
 * The routed lab of scripts/netns-lab (up3): host A, router R (forwarding, ICMP errors without
 * rate limit) and host B, IPv4 and IPv6, each link a veth pair, no route out; always deleted on
 * close. A and B reach each other through R; {@link #UNREACHABLE} (and {@link #UNREACHABLE6}) is
 * routed to R, which has no route for it and answers "net unreachable" (ICMPv6 "no route").
 * Hosts are named "a", "r" and "b" in {@link Lab#on} and {@link Lab#exec}.
 */
public final class RoutedLab {
    public static final String A_IP = "169.254.91.1";
    public static final String B_IP = "169.254.92.1";
    /** The router's address on A's link: where A's errors come from. */
    public static final String R_A_IP = "169.254.91.254";
    public static final String R_B_IP = "169.254.92.254";
    public static final String A_IP6 = "fd99:91::1";
    public static final String B_IP6 = "fd99:92::1";
    public static final String R_A_IP6 = "fd99:91::fe";
    public static final String R_B_IP6 = "fd99:92::fe";
    public static final String UNREACHABLE = "169.254.93.1";
    public static final String UNREACHABLE6 = "fd99:93::1";
    /** A's interface (toward R). */
    public static final String A_IFACE = "veth-a";
    public static final String B_IFACE = "veth-b";

    private RoutedLab() {
    }

    /** Creates the three namespaces (unique names per run) and their links and routes. */
    public static Lab up() throws IOException, InterruptedException {
        return Lab.up("up3");
    }
}
