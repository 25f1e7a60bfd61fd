package rawsock.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import rawsock.app.ExitStatus;
import rawsock.app.Timeline;
import rawsock.app.UsageException;

/**
 * Builds the command line and maps every failure to one line on stderr and its exit status
 * ({@link ExitStatus#of}: usage 2, permission 3, other system errors 4). Stack traces only with -vv.
 */
public final class Rawsock {
    private Rawsock() {
    }

    /** Runs rawsock with {@code args}; returns the exit status. */
    public static int execute(Console console, String... args) {
        Timeline.mark("main");
        CommandLine commandLine = commandLine(console, args);
        Timeline.mark("model");
        RawsockCommand root = commandLine.getCommand();
        commandLine.setOut(new PrintWriter(console.out(), true));
        commandLine.setErr(console.err());
        commandLine.setParameterExceptionHandler(usageErrors(root));
        commandLine.setExecutionExceptionHandler(failures(root));
        commandLine.setExecutionStrategy(parseResult -> {
            Timeline.mark("parse");
            Logging.configure(root.verbosity(), root.quiet());
            return new CommandLine.RunLast().execute(parseResult);
        });
        int status = commandLine.execute(args);
        Timeline.mark("done");
        Timeline.report(console.err());
        console.err().flush();
        return status;
    }

    /**
     * A subcommand: its name, held here so that choosing which to build reads no annotation, and
     * its model for the top-level command (a CommandSpec, or an annotated class picocli inspects).
     */
    private record Subcommand(String name, Function<RawsockCommand, Object> model) {
    }

    /**
     * The subcommands, in the order help lists them. send, the one-shot command whose start-up
     * counts, is built with picocli's programmatic API; recv (which runs long) and ifaces (rare)
     * are annotated classes.
     */
    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("send", root -> new SendCommand(root).spec()),
            new Subcommand("recv", root -> RecvCommand.class),
            new Subcommand("ifaces", root -> IfacesCommand.class));

    /**
     * The whole command line model: rawsock with every subcommand. The man page and the shell
     * completion are generated from it at build time (rawsock.docs.GenerateDocs).
     */
    public static CommandLine commandLine(Console console) {
        return commandLine(console, SUBCOMMANDS);
    }

    /**
     * The model {@link #execute} runs for {@code args}: with only the subcommand they name, since
     * building a command's model is a good part of a one-shot run's start-up (send's model is not
     * needed to receive, nor recv's to send). When they name none, or several (an option's value
     * may be a subcommand's name), every subcommand is there, so help, errors and "did you mean"
     * see them all.
     */
    static CommandLine commandLine(Console console, String... args) {
        List<Subcommand> named = new ArrayList<>();
        for (Subcommand subcommand : SUBCOMMANDS) {
            if (Arrays.asList(args).contains(subcommand.name())) {
                named.add(subcommand);
            }
        }
        return commandLine(console, named.size() == 1 ? named : SUBCOMMANDS);
    }

    private static CommandLine commandLine(Console console, List<Subcommand> subcommands) {
        RawsockCommand root = new RawsockCommand(console);
        CommandLine commandLine = new CommandLine(root.spec());
        for (Subcommand subcommand : subcommands) {
            commandLine.addSubcommand(subcommand.name(), subcommand.model().apply(root));
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine recv = commandLine.getSubcommands().get("recv");
        if (recv != null) {
            RecvCommand.addFilterGrammar(recv.getCommandSpec());
        }
        // -V after a subcommand ("rawsock send -V") answers as before it: the subcommands'
        // standard options have no version of their own
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(commandLine.getCommandSpec().versionProvider());
        }
        return commandLine;
    }

    private static IParameterExceptionHandler usageErrors(RawsockCommand root) {
        return (ParameterException e, String[] args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(prefix(e.getCommandLine()) + e.getMessage());
            String suggestion = e instanceof UnmatchedArgumentException
                    ? Suggestions.didYouMean((UnmatchedArgumentException) e) : null;
            if (suggestion != null) {
                err.println(suggestion);
            }
            traceIfVerbose(root, err, e);
            return ExitStatus.USAGE;
        };
    }

    private static IExecutionExceptionHandler failures(RawsockCommand root) {
        return (Exception e, CommandLine commandLine, ParseResult parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int status = ExitStatus.of(e);
            String message = e instanceof IOException || e instanceof UsageException
                    ? e.getMessage() : "internal error: " + e;
            err.println(prefix(commandLine) + message);
            traceIfVerbose(root, err, e);
            return status;
        };
    }

    /** -vv: the stack trace too, on stderr (never on stdout, which carries data). */
    private static void traceIfVerbose(RawsockCommand root, PrintWriter err, Throwable e) {
        if (root.verbosity() < 2) {
            return;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            err.println((t == e ? "" : "Caused by: ") + t);
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("\tat " + frame);
            }
        }
    }

    private static String prefix(CommandLine commandLine) {
        String name = commandLine.getCommandName();
        return "rawsock".equals(name) ? "rawsock: " : "rawsock " + name + ": ";
    }
}
