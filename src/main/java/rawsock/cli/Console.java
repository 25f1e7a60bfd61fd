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

    /** @param stderrIsTerminal asked only when needed (it loads the native layer) */
    public Console(InputStream in, OutputStream out, PrintWriter err, BooleanSupplier stderrIsTerminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.stderrIsTerminal = stderrIsTerminal;
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
}
