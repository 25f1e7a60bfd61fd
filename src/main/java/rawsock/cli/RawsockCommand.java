package rawsock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import rawsock.app.DropPrivileges;
import rawsock.app.ExitStatus;

/**
 * The top-level command: global options; its subcommands are added by {@link Rawsock#commandLine}
 * (only the one in use, when a command line names one).
 */
@Command(name = "rawsock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Send hand-built packets and receive raw packets.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:done",
            " 1:condition not met (no reply to --wait, fewer than --count before --timeout)",
            " 2:usage error (nothing was sent)",
            " 3:permission denied (raw sockets need root or CAP_NET_RAW)",
            " 4:other system or I/O error",
            "130:interrupted (SIGINT)",
            "143:terminated (SIGTERM)"},
        footerHeading = "%nExamples:%n",
        footer = {"  sudo rawsock send --proto icmp --dst 127.0.0.1 --count 3 --wait",
            "  sudo rawsock recv --proto icmp --count 5 --format json | jq .src",
            "  sudo rawsock recv --proto tcp --format pcap | tcpdump -nr -",
            "  rawsock ifaces",
            "",
            "Each command's options: rawsock send --help, rawsock recv --help, rawsock ifaces --help; all of them in man rawsock."})
public final class RawsockCommand implements Callable<Integer> {
    private final Console console;

    @Spec
    private CommandSpec spec;

    private int verbosity;
    private boolean quiet;
    private String user;

    public RawsockCommand(Console console) {
        this.console = console;
    }

    /** -v may be repeated (-vv); accepted before or after the subcommand. */
    @Option(names = "-v", scope = ScopeType.INHERIT,
            description = "More diagnostics on stderr; -vv adds debug output and stack traces.")
    void verbose(boolean[] flags) {
        verbosity = flags.length;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print nothing on stderr but errors (no summary, no progress).")
    void quiet(boolean value) {
        quiet = value;
    }

    /** --user NAME: drop root after the sockets are open, like tcpdump -Z. */
    @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "After opening its sockets, run as this user (setgroups, setgid, setuid), like tcpdump -Z.")
    void user(String name) {
        user = name;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(console.err());
        return ExitStatus.USAGE;
    }

    Console console() {
        return console;
    }

    int verbosity() {
        return verbosity;
    }

    boolean quiet() {
        return quiet;
    }

    /** The account --user names, resolved before anything is opened; null without --user. */
    DropPrivileges.User account() {
        return user == null ? null : DropPrivileges.lookup(user);
    }
}
