package rawsock.cli;

import java.nio.charset.StandardCharsets;
import rawsock.app.UsageException;

/**
 * -I for both commands, checked before any socket: an empty name would unbind SO_BINDTODEVICE
 * (the packet goes out wherever the route says) and a name the kernel can never have
 * (dev_valid_name: 1 to 15 bytes, not . or .., no '/', ':' or whitespace) is a usage error, not ENODEV.
 */
final class InterfaceOption {
    private InterfaceOption() {
    }

    /** Returns {@code name} (null when -I was not given), or throws naming it. */
    static String check(String name) {
        if (name == null) {
            return null;
        }
        if (name.isEmpty()) {
            throw new UsageException("-I is empty: name an interface (e.g. eth0), or leave -I out");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 15 || name.equals(".") || name.equals("..") || !name.matches("[^/:\\s]+")) {
            throw new UsageException("-I '" + name + "' is not an interface name (1 to 15 bytes, "
                    + "no '/', ':' or whitespace)");
        }
        return name;
    }
}
