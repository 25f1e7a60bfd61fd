package rawsock;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;
import rawsock.net.Terminals;

/** Entry point: all behaviour lives in rawsock.cli. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Raw file streams, not System.out: a PrintStream hides write errors, and a closed pipe
        // must surface as an IOException so the tool can end quietly.
        Console console = new Console(System.in, new FileOutputStream(FileDescriptor.out),
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                        StandardCharsets.UTF_8), true),
                () -> Terminals.isTerminal(Terminals.STDERR), () -> Terminals.isTerminal(Terminals.STDOUT));
        System.exit(Rawsock.execute(console, args));
    }
}
