package rawsock.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rawsock.net.InterfaceInfo;
import rawsock.net.Interfaces;
import rawsock.output.JsonLines;
import rawsock.packet.AddressFormat;

/**
 * {@code rawsock ifaces}: the interfaces of this network namespace (all of them, or those named),
 * as one aligned line each (text) or one JSON object each (NDJSON), in index order.
 */
public final class InterfaceListing {
    private final boolean json;
    private final List<String> names;
    private final OutputStream out;
    private final DropPrivileges.User user;

    /**
     * @param names the interfaces to show (empty: every one); a name this namespace has not is a
     *        usage error, raised before anything is printed
     * @param user --user (null without): the listing needs no privileges, so they go first
     */
    public InterfaceListing(boolean json, List<String> names, OutputStream out, DropPrivileges.User user) {
        this.json = json;
        this.names = List.copyOf(names);
        this.out = out;
        this.user = user;
    }

    public int run() throws IOException {
        DropPrivileges.to(user);
        List<InterfaceInfo> all = Interfaces.list();
        List<InterfaceInfo> shown = names.isEmpty() ? all : named(all);
        try {
            if (json) {
                writeJson(shown);
            } else {
                out.write(text(shown).getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            if (!Pipes.isClosed(e)) {
                throw e;
            }
            // | head -1: the reader has what it wanted
        }
        return ExitStatus.OK;
    }

    private List<InterfaceInfo> named(List<InterfaceInfo> all) {
        List<String> present = new ArrayList<>();
        for (InterfaceInfo info : all) {
            present.add(info.name());
        }
        for (String name : names) {
            if (!present.contains(name)) {
                throw new UsageException("no such interface: " + name + " (this host has " + String.join(", ", present) + ")");
            }
        }
        List<InterfaceInfo> shown = new ArrayList<>();
        for (InterfaceInfo info : all) {
            if (names.contains(info.name())) {
                shown.add(info);
            }
        }
        return shown;
    }

    /**
     * One line per interface, the columns aligned: "index: name", state, link-layer address (-
     * when none), mtu, the flags, then every address with its prefix length.
     */
    static String text(List<InterfaceInfo> interfaces) {
        List<String[]> rows = new ArrayList<>();
        int[] widths = new int[5];
        for (InterfaceInfo info : interfaces) {
            String[] row = {info.index() + ": " + info.name(), info.state(),
                info.hardwareAddress() == null ? "-" : linkAddress(info.hardwareAddress()), "mtu " + info.mtu(),
                "<" + String.join(",", info.flagNames()) + ">"};
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            rows.add(row);
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            for (InterfaceInfo.Address address : interfaces.get(r).addresses()) {
                line.append(ipAddress(address.address())).append('/').append(address.prefixLength()).append(' ');
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private void writeJson(List<InterfaceInfo> interfaces) throws IOException {
        JsonGenerator generator = JsonLines.over(out);
        for (InterfaceInfo info : interfaces) {
            generator.writeStartObject();
            generator.writeNumberField("ifindex", info.index());
            generator.writeStringField("iface", info.name());
            generator.writeArrayFieldStart("flags");
            for (String flag : info.flagNames()) {
                generator.writeString(flag);
            }
            generator.writeEndArray();
            generator.writeStringField("state", info.state());
            if (info.hardwareAddress() != null) {
                generator.writeStringField("mac", linkAddress(info.hardwareAddress()));
            }
            generator.writeNumberField("mtu", info.mtu());
            generator.writeArrayFieldStart("addrs");
            for (InterfaceInfo.Address address : info.addresses()) {
                generator.writeStartObject();
                generator.writeStringField("family", address.ipv6() ? "inet6" : "inet");
                generator.writeStringField("address", ipAddress(address.address()));
                generator.writeNumberField("prefixlen", address.prefixLength());
                if (address.broadcast() != null) {
                    generator.writeStringField("broadcast", ipAddress(address.broadcast()));
                }
                generator.writeStringField("scope", address.scopeName());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.flush();
            out.write('\n');
        }
        generator.close();
    }

    private static String ipAddress(byte[] address) {
        return address.length == 4 ? AddressFormat.ipv4(address) : AddressFormat.ipv6(address);
    }

    /**
     * A link-layer address as ip prints it: colon-separated hex (a MAC), except that IP tunnels,
     * whose link-layer address is an IPv4 or IPv6 address, show it as one.
     */
    static String linkAddress(byte[] address) {
        if (address.length == 4 || address.length == 16) {
            return ipAddress(address);
        }
        StringBuilder text = new StringBuilder();
        for (byte b : address) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }
}
