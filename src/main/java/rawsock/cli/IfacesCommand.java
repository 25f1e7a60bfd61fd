package rawsock.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import rawsock.app.InterfaceListing;
import rawsock.app.UsageException;

/** {@code rawsock ifaces}: the interfaces of this network namespace, like tcpdump -D and ip -br addr. */
@Command(name = "ifaces", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"List the network interfaces (those of this network namespace), in index order: index, name, "
                + "operational state, link-layer address (MAC), MTU, flags (UP, BROADCAST, LOOPBACK, RUNNING, PROMISC, "
                + "MULTICAST, LOWER_UP, ...) and every IPv4 and IPv6 address with its prefix length.",
            "Read from the kernel's routing socket, as ip reads them; needs no privileges. The names are those -I "
                + "takes."},
        footerHeading = "%nExamples:%n",
        footer = {"  rawsock ifaces",
            "  rawsock ifaces eth0 lo",
            "  rawsock ifaces -f json | jq -r 'select(.flags | index(\"UP\")) | .iface'"})
public final class IfacesCommand implements Callable<Integer> {
    @ParentCommand
    private RawsockCommand parent;

    @Parameters(paramLabel = "IFACE", arity = "0..*",
            description = "Only these interfaces (default: all); a name this host does not have is a usage error (exit 2).")
    private List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FMT", completionCandidates = Candidates.IfacesFormats.class,
            description = "text (one aligned line per interface) or json (one object per line: ifindex, iface, flags, "
                    + "state, mac, mtu, addrs with family, address, prefixlen, broadcast, scope); default text.")
    private String format;

    @Override
    public Integer call() throws IOException {
        boolean json;
        if (format == null || format.equalsIgnoreCase("text")) {
            json = false;
        } else if (format.equalsIgnoreCase("json")) {
            json = true;
        } else {
            throw new UsageException("-f " + (format.isEmpty() ? "''" : format) + ": ifaces prints text or json");
        }
        return new InterfaceListing(json, names, parent.console().out(), parent.account()).run();
    }
}
