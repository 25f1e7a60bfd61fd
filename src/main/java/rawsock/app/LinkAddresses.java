package rawsock.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import rawsock.net.Interfaces;
import rawsock.packet.MacAddress;
import rawsock.text.Numbers;


/**
 * Link-layer addresses for --link: an interface's own MAC and IPv4 address (from the kernel,
 * whatever the interface's state), and a neighbour's MAC from the kernel's ARP table. The MAC is
 * also what neighbour discovery options default to.
 */
public final class LinkAddresses {
    /** ATF_COM in /proc/net/arp's flags: the entry is complete (the MAC is known). */
    private static final int ATF_COM = 0x2;

    private LinkAddresses() {
    }

    /** The interface's MAC (SIOCGIFHWADDR), all zero for one without (lo). */
    public static byte[] macOf(String iface) throws IOException {
        return Interfaces.hardwareAddress(iface);
    }

    static InetAddress ipv4Of(String iface) throws IOException {
        return InetAddress.getByAddress(Interfaces.ipv4Address(iface));
    }

    /** The MAC the kernel's ARP table holds for {@code address} on {@code iface}, or null. */
    static byte[] neighbour(InetAddress address, String iface) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/arp"));
        } catch (NoSuchFileException e) {
            return null;
        }
        String wanted = address.getHostAddress();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[0].equals(wanted) && fields[5].equals(iface)
                    && complete(fields[2])) {
                return MacAddress.parse(fields[3]);
            }
        }
        return null;
    }

    /** The flags column of /proc/net/arp ("0x2") has ATF_COM: the entry holds a resolved MAC. */
    private static boolean complete(String flags) {
        long value = Numbers.parseOrMinusOne(flags, Numbers.DIGITS_OR_HEX);
        return value >= 0 && (value & ATF_COM) != 0;
    }
}
