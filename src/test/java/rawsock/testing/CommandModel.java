package rawsock.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;

/** The picocli model rawsock runs, for tests that hold generated docs against it. */
public final class CommandModel {
    private CommandModel() {
    }

    /** rawsock, then each subcommand, depth first. */
    public static List<CommandLine> commands() {
        OutputStream nowhere = OutputStream.nullOutputStream();
        List<CommandLine> all = new ArrayList<>();
        add(Rawsock.commandLine(new Console(InputStream.nullInputStream(), nowhere, new PrintWriter(nowhere),
                () -> false)), all);
        return all;
    }

    private static void add(CommandLine command, List<CommandLine> all) {
        all.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            add(sub, all);
        }
    }
}
