package rawsock.net;

import java.util.ArrayList;
import java.util.List;

/**
 * One network interface as the kernel's routing socket describes it (RTM_NEWLINK and its
 * RTM_NEWADDR messages): what {@code rawsock ifaces} prints. The names of flags, states and
 * scopes are the kernel's own (as {@code ip} prints them), so they live here beside the numbers.
 *
 * @param hardwareAddress the link-layer address (a MAC for Ethernet, all zeros for lo), or null
 *        when the interface has none (a tun device, WireGuard)
 * @param linkType the ARPHRD_ type (1 Ethernet, 772 loopback, 65534 none)
 */
public record InterfaceInfo(int index, String name, int flags, int operState, byte[] hardwareAddress, int linkType,
        int mtu, List<Address> addresses) {

    /**
     * One address of the interface.
     *
     * @param family {@link LinuxConstants#AF_INET} or {@link LinuxConstants#AF_INET6}
     * @param address the interface's own address (IFA_LOCAL, else IFA_ADDRESS), 4 or 16 bytes
     * @param broadcast the IPv4 broadcast address, or null when none is set
     * @param scope RT_SCOPE_: 0 global, 200 site, 253 link, 254 host
     */
    public record Address(int family, byte[] address, int prefixLength, int scope, byte[] broadcast) {
        public boolean ipv6() {
            return family == LinuxConstants.AF_INET6;
        }

        /** The scope as ip names it: global, site, link, host, nowhere, or the number. */
        public String scopeName() {
            switch (scope) {
                case 0:
                    return "global";
                case 200:
                    return "site";
                case 253:
                    return "link";
                case 254:
                    return "host";
                case 255:
                    return "nowhere";
                default:
                    return Integer.toString(scope);
            }
        }
    }

    /** IFF_ flags, bit 0 first (<linux/if.h>). */
    private static final String[] FLAG_NAMES = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
        "RUNNING", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL", "AUTOMEDIA", "DYNAMIC",
        "LOWER_UP", "DORMANT", "ECHO"};

    /** IF_OPER_ states, by number (RFC 2863's operStatus, as <linux/if.h> numbers them). */
    private static final String[] STATES = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};

    /** The names of the flags set, bit 0 first; a bit without a name as its hex value (0x80000). */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(bit < FLAG_NAMES.length ? FLAG_NAMES[bit] : "0x" + Integer.toHexString(1 << bit));
            }
        }
        return names;
    }

    /** The operational state: UP, DOWN, UNKNOWN (lo, dummy: the driver does not say), LOWERLAYERDOWN ... */
    public String state() {
        return operState >= 0 && operState < STATES.length ? STATES[operState] : Integer.toString(operState);
    }
}
