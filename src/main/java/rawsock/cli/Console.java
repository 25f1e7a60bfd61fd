package rawsock.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * The streams a command writes to: stdout carries data only (packets, replies), stderr carries
 * everything else. Tests pass their own streams to capture both.
 */
public final class Console {
    private final InputStream in;
    private final OutputStream out;
    private final PrintWriter err;
    private final BooleanSupplier stderrIsTerminal;
    private final BooleanSupplier stdoutIsTerminal;

    /** A console whose stdout is never a terminal (tests, documentation, training runs). */
    public Console(InputStream in, OutputStream out, PrintWriter err, BooleanSupplier stderrIsTerminal) {
        this(in, out, err, stderrIsTerminal, () -> false);
    }

    /** @param stderrIsTerminal and {@code stdoutIsTerminal} are asked only when needed (they load the native layer) */
    public Console(InputStream in, OutputStream out, PrintWriter err, BooleanSupplier stderrIsTerminal,
            BooleanSupplier stdoutIsTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.stderrIsTerminal = stderrIsTerminal;
        this.stdoutIsTerminal = stdoutIsTerminal;
    }

    /** stdin, for --stdin-hex, --read-pcap - and --file -. */
    public InputStream in() {
        return in;
    }

    /** stdout as raw bytes (pcap is binary). Not buffered here: writers buffer themselves. */
    public OutputStream out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether a live progress line makes sense on stderr. */
    public boolean stderrIsTerminal() {
        return stderrIsTerminal.getAsBoolean();
    }

    /** Whether stdout is a terminal, where binary output (pcap) would be garbage and is refused. */
    public boolean stdoutIsTerminal() {
        return stdoutIsTerminal.getAsBoolean();
    }
}
