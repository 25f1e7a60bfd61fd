package rawsock.net;

/** What to tell the user when a call fails with a given errno: the hints live in one place. */
final class ErrnoHints {
    private ErrnoHints() {
    }

    /**
     * @param context extra detail the caller knows, e.g. the interface name or the packet size;
     *     may be null
     */
    static String hint(String call, int errno, String context) {
        switch (errno) {
            case LinuxConstants.EPERM:
            case LinuxConstants.EACCES:
                if (call.startsWith("socket")) {
                    return "raw sockets need root or CAP_NET_RAW: run rawsock with sudo (or as a user holding CAP_NET_RAW)";
                }
                if (call.startsWith("sendmsg") || call.startsWith("sendmmsg")) {
                    // Privileges were checked when the socket opened; a send is refused for what it is.
                    return errno == LinuxConstants.EACCES
                            ? "the kernel refuses to send there: a broadcast address needs SO_BROADCAST (rawsock sets it),"
                                    + " so a route of type prohibit or a security module refused it"
                            : "a firewall rule (netfilter) or a security module refused the packet";
                }
                return "this needs root or CAP_NET_RAW/CAP_NET_ADMIN";
            case LinuxConstants.ENODEV:
                return context == null ? "no such interface" : "no such interface: " + context;
            case LinuxConstants.EMSGSIZE:
                return context == null ? "packet larger than the path MTU" : context;
            case LinuxConstants.ENETUNREACH:
            case LinuxConstants.EHOSTUNREACH:
                return "no route to the destination";
            case LinuxConstants.EADDRNOTAVAIL:
                return context != null && context.contains(" has no ") ? context
                        : "the address is not available on this host";
            case LinuxConstants.ENETDOWN:
                return context == null ? "the interface is down" : "the interface is down: " + context;
            case LinuxConstants.ENOMEM:
                if (call.contains("SO_ATTACH_FILTER")) {
                    return "the kernel refused the filter program as too large for net.core.optmem_max: "
                            + "simplify the filter or raise that sysctl";
                }
                return null;
            case LinuxConstants.ENOBUFS:
                return "the kernel's send queue is full; lower the rate";
            case LinuxConstants.EAFNOSUPPORT:
            case LinuxConstants.EPROTONOSUPPORT:
                return "this kernel does not support that socket family or protocol";
            default:
                return null;
        }
    }
}
