package rawsock.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;

/** Runs rawsock in-process through its real command line, with captured stdin/stdout/stderr. */
public final class CliRun {
    public final int status;
    public final byte[] stdout;
    public final String stderr;

    private CliRun(int status, byte[] stdout, String stderr) {
        this.status = status;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static CliRun run(String... args) {
        return runWithInput(new byte[0], args);
    }

    public static CliRun runWithInput(byte[] stdin, String... args) {
        return runWithInput(stdin, false, args);
    }

    /** With {@code stdoutTerminal}, rawsock takes its stdout for a terminal. */
    public static CliRun runWithInput(byte[] stdin, boolean stdoutTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Console console = new Console(new ByteArrayInputStream(stdin), out, new PrintWriter(err, true), () -> false,
                () -> stdoutTerminal);
        int status = Rawsock.execute(console, args);
        return new CliRun(status, out.toByteArray(), err.toString());
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "exit " + status + "\nstdout:\n" + out() + "\nstderr:\n" + stderr;
    }
}
