package rawsock.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rawsock.app.UsageException;

/**
 * -I for both commands, checked before any socket: an empty name would unbind SO_BINDTODEVICE
 * (the packet goes out wherever the route says), a name the kernel can never have
 * (dev_valid_name: 1 to 15 bytes, not . or .., no '/', ':' or whitespace) and a name no interface
 * of this network namespace has are usage errors (exit 2), not ENODEV from the socket.
 */
final class InterfaceOption {
    /** The interfaces of the calling thread's network namespace, one per line after two of headings. */
    private static final Path DEVICES = Path.of("/proc/self/net/dev");

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
        List<String> present = interfaces();
        // CdsTraining's interface, which no machine has, is let through: the training must walk on
        // to the socket and the native calls (it stops at SO_BINDTODEVICE, exit 4) to record their classes
        if (present != null && !present.contains(name) && !name.equals(CdsTraining.NO_SUCH_INTERFACE)) {
            throw new UsageException("no such interface: " + name + " (this host has " + String.join(", ", present) + ")");
        }
        return name;
    }

    /** The interface names of this network namespace, or null when /proc cannot say (the socket will). */
    static List<String> interfaces() {
        try {
            List<String> lines = Files.readAllLines(DEVICES, StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    names.add(line.substring(0, colon).strip());
                }
            }
            return names.isEmpty() ? null : names;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
