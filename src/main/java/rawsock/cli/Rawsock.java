package rawsock.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import rawsock.app.ExitStatus;
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
        CommandLine commandLine = commandLine(console);
        RawsockCommand root = commandLine.getCommand();
        commandLine.setOut(new PrintWriter(console.out(), true));
        commandLine.setErr(console.err());
        commandLine.setParameterExceptionHandler(usageErrors(root));
        commandLine.setExecutionExceptionHandler(failures(root));
        commandLine.setExecutionStrategy(parseResult -> {
            Logging.configure(root.verbosity(), root.quiet());
            return new CommandLine.RunLast().execute(parseResult);
        });
        int status = commandLine.execute(args);
        console.err().flush();
        return status;
    }

    /**
     * The command line model: rawsock with send and recv. {@link #execute} runs it; the man page
     * and the shell completion are generated from it at build time (rawsock.docs.GenerateDocs).
     */
    public static CommandLine commandLine(Console console) {
        CommandLine commandLine = new CommandLine(new RawsockCommand(console));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        RecvCommand.addFilterGrammar(commandLine.getSubcommands().get("recv").getCommandSpec());
        return commandLine;
    }

    private static IParameterExceptionHandler usageErrors(RawsockCommand root) {
        return (ParameterException e, String[] args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(prefix(e.getCommandLine()) + e.getMessage());
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
