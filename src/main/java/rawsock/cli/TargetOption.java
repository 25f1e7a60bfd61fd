package rawsock.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import rawsock.app.TargetBlock;
import rawsock.app.TargetList;
import rawsock.app.UsageException;
import rawsock.text.DottedQuads;
import rawsock.text.Numbers;

/**
 * Turns the items of --dst (a comma list, or several HOST words) and --dst-file into a
 * {@link TargetList}: an address, a host name, a CIDR block ({@code 10.9.0.0/29},
 * {@code fd99::/126}) or an IPv4 octet range ({@code 10.9.0.1-20}, {@code 10.9.1-2.1}). Every item
 * is checked (and every name resolved) here, before anything is sent; none is expanded.
 */
final class TargetOption {
    private static final String FILE = "--dst-file";
    /** A CIDR prefix length: decimal digits only, as the address parts before it. */

    private final boolean preferIpv6;
    private final List<TargetBlock> blocks = new ArrayList<>();

    TargetOption(boolean preferIpv6) {
        this.preferIpv6 = preferIpv6;
    }

    /** Adds the comma-separated items of one --dst value (or HOST word). */
    void addList(String option, String text) {
        if (text.trim().isEmpty()) {
            throw new UsageException(option + " is empty");
        }
        for (String item : text.split(",", -1)) {
            if (item.trim().isEmpty()) {
                throw new UsageException(option + " " + text + " has an empty item");
            }
            blocks.add(item(option, item.trim()));
        }
    }

    /** Adds the items of a --dst-file ("-" = stdin): one per line, '#' starts a comment. */
    void addFile(String path, InputStream stdin) throws IOException {
        int before = blocks.size();
        try (InputStream in = InputFiles.open(path, stdin);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String item = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!item.isEmpty()) {
                    blocks.add(item(FILE + " " + path + " line " + number + ":", item));
                }
            }
        } catch (IOException e) {
            throw InputFiles.unreadable(FILE, path, e);
        }
        if (blocks.size() == before) {
            throw new UsageException(FILE + " " + path + " names no target (empty, or only comments)");
        }
    }

    /** The targets added, all of one family (a socket sends one). */
    TargetList build() {
        boolean ipv6 = blocks.get(0).ipv6();
        for (TargetBlock block : blocks) {
            if (block.ipv6() != ipv6) {
                throw new UsageException("the targets mix IPv4 and IPv6: one family per run");
            }
        }
        return new TargetList(blocks);
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    private TargetBlock item(String option, String item) {
        if (!item.matches("[A-Za-z0-9._:%/\\[\\]-]+")) {
            // Not even the characters of a name: refused without asking the resolver.
            throw new UsageException(option + " '" + item + "' is neither an address nor a host name");
        }
        int slash = item.indexOf('/');
        if (slash >= 0) {
            return cidr(option, item, slash);
        }
        if (item.indexOf(':') < 0 && item.matches("[0-9.-]+") && item.indexOf('-') >= 0) {
            return octets(option, item);
        }
        return TargetBlock.single(AddressOption.resolve(option, item, preferIpv6));
    }

    private TargetBlock cidr(String option, String item, int slash) {
        String prefixText = item.substring(slash + 1);
        String host = item.substring(0, slash);
        if (!host.matches("[0-9.]+") && host.indexOf(':') < 0) {
            throw new UsageException(option + " " + item + ": a CIDR block needs an address before the /");
        }
        InetAddress base = AddressOption.resolve(option, host, preferIpv6);
        int bits = base instanceof Inet6Address ? 128 : 32;
        long prefix = Numbers.parseOrMinusOne(prefixText, Numbers.DIGITS);
        if (!Numbers.inRange(prefix, 0, bits)) {
            throw new UsageException(option + " " + item + ": the prefix length is out of range (0.." + bits + ")");
        }
        return TargetBlock.cidr(base, (int) prefix);
    }

    private static TargetBlock octets(String option, String item) {
        String[] parts = item.split("\\.", -1);
        if (parts.length != 4) {
            throw new UsageException(option + " " + item + " is not an IPv4 address or octet range");
        }
        int[] low = new int[4];
        int[] high = new int[4];
        for (int k = 0; k < 4; k++) {
            String[] ends = parts[k].split("-", -1);
            low[k] = DottedQuads.octet(ends[0], AddressOption.OCTETS);
            high[k] = DottedQuads.octet(ends[ends.length - 1], AddressOption.OCTETS);
            if (ends.length > 2 || low[k] < 0 || high[k] < 0) {
                throw new UsageException(option + " " + item + " is not an IPv4 address or octet range (parts 0..255)");
            }
            if (high[k] < low[k]) {
                throw new UsageException(option + " " + item + ": the range " + parts[k] + " is backwards");
            }
        }
        return TargetBlock.octets(low, high);
    }
}
