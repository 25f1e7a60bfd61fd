package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run builds the model of the subcommand it runs and no other (each model costs start-up);
 * help, completion and the man page still see every subcommand.
 */
class SubcommandModelTest {
    private static final Console NOWHERE = new Console(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
            new PrintWriter(OutputStream.nullOutputStream()), () -> false);

    private static List<String> built(String... args) {
        CommandLine commandLine = Rawsock.commandLine(NOWHERE, args);
        return List.copyOf(commandLine.getSubcommands().keySet());
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        assertEquals(List.of("send"), built("-q", "send", "-d", "127.0.0.1", "--wait"));
        assertEquals(List.of("recv"), built("recv", "-p", "udp", "-v"));
        assertEquals(List.of("ifaces"), built("ifaces", "-f", "json", "lo"));
    }

    @Test
    void withoutOneNamedSubcommandAllAreBuilt() {
        List<String> all = List.copyOf(Rawsock.commandLine(NOWHERE).getSubcommands().keySet());
        assertEquals(List.of("send", "recv", "ifaces"), all.subList(0, 3), "help lists them in this order");
        assertEquals(all, built("--help"));
        assertEquals(all, built());
        assertEquals(all, built("sned"), "a typo is told about every subcommand");
        // An option's value may spell a subcommand's name: both named, so both are there to parse.
        assertEquals(all, built("--user", "send", "recv"));
    }
}
