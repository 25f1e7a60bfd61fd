package rawsock.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;
import rawsock.app.DropPrivileges;
import rawsock.app.ExitStatus;

/**
 * The top-level command: its global options and their model, built with picocli's programmatic
 * API (see {@link OptionSpecs} for why); its subcommands are added by {@link Rawsock#commandLine}
 * (only the one in use, when a command line names one). The global options are inherited by every
 * subcommand, so each is accepted before or after it.
 */
public final class RawsockCommand implements Callable<Integer> {
    /** What --help lists under "Exit status:". */
    private static final Map<String, String> EXIT_STATUSES = new LinkedHashMap<>();

    static {
        EXIT_STATUSES.put(" 0", "done");
        EXIT_STATUSES.put(" 1", "condition not met (no reply to --wait, fewer than --count before --timeout)");
        EXIT_STATUSES.put(" 2", "usage error (nothing was sent)");
        EXIT_STATUSES.put(" 3", "permission denied (raw sockets need root or CAP_NET_RAW)");
        EXIT_STATUSES.put(" 4", "other system or I/O error");
        EXIT_STATUSES.put("130", "interrupted (SIGINT)");
        EXIT_STATUSES.put("143", "terminated (SIGTERM)");
    }

    private final Console console;

    /** -v may be repeated (-vv). */
    private final OptionSpec verbose = OptionSpecs.option("-v").type(boolean[].class).auxiliaryTypes(boolean.class)
            .arity("0").paramLabel("<verbose>").scopeType(ScopeType.INHERIT)
            .description("More diagnostics on stderr; -vv adds debug output and stack traces.").build();

    private final OptionSpec quiet = OptionSpecs.flag("quiet", "-q", "--quiet").initialValue(null)
            .scopeType(ScopeType.INHERIT)
            .description("Print nothing on stderr but errors (no summary, no progress).").build();

    /** --user NAME: drop root after the sockets are open, like tcpdump -Z. */
    private final OptionSpec user = OptionSpecs.text("NAME", "--user").scopeType(ScopeType.INHERIT)
            .description("After opening its sockets, run as this user (setgroups, setgid, setuid), like tcpdump -Z.")
            .build();

    private final CommandSpec spec;

    public RawsockCommand(Console console) {
        this.console = console;
        spec = CommandSpec.wrapWithoutInspection(this).name("rawsock").versionProvider(new VersionProvider());
        spec.usageMessage().sortOptions(false).autoWidth(true)
                .description("Send hand-built packets and receive raw packets.")
                .exitCodeListHeading("%nExit status:%n")
                .exitCodeList(EXIT_STATUSES)
                .footerHeading("%nExamples:%n")
                .footer("  sudo rawsock send --proto icmp --dst 127.0.0.1 --count 3 --wait",
                        "  sudo rawsock recv --proto icmp --count 5 --format json | jq .src",
                        "  sudo rawsock recv --proto tcp --format pcap | tcpdump -nr -",
                        "  rawsock ifaces",
                        "",
                        "Each command's options: rawsock send --help, rawsock recv --help, rawsock ifaces --help; "
                                + "all of them in man rawsock.");
        // This order is the one --help has always listed them in.
        spec.addOption(user);
        spec.addOption(verbose);
        spec.addOption(quiet);
        OptionSpecs.addStandardHelp(spec);
    }

    /** The model of this command and its options (subcommands are added to it). */
    CommandSpec spec() {
        return spec;
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
        boolean[] flags = verbose.getValue();
        return flags == null ? 0 : flags.length;
    }

    boolean quiet() {
        return Boolean.TRUE.equals(quiet.getValue());
    }

    /** The account --user names, resolved before anything is opened; null without --user. */
    DropPrivileges.User account() {
        String name = user.getValue();
        return name == null ? null : DropPrivileges.lookup(name);
    }
}
