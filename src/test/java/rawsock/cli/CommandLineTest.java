package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawsock.testing.CliRun;

/**
 * The command-line contract without privileges: bad input gives exit 2 and one line on stderr
 * naming the value, before any socket is opened (so these pass without root, where a socket
 * would fail with exit 3).
 */
class CommandLineTest {
    @Test
    void versionGoesToStdoutAndExitsZero() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().startsWith("rawsock "), run.toString());
        // Built from a git checkout, the version names the commit.
        boolean checkout = java.nio.file.Files.exists(java.nio.file.Path.of(".git"));
        assertTrue(run.out().strip().matches("rawsock \\S+" + (checkout ? " \\([0-9a-f]{12}\\)" : "")), run.out());
    }

    @Test
    void versionAfterASubcommandPrintsTheVersion() {
        String version = CliRun.run("--version").out();
        for (String[] line : new String[][] {{"send", "-V"}, {"send", "--version"}, {"recv", "-V"}, {"recv", "--version"}}) {
            CliRun run = CliRun.run(line);
            assertEquals(0, run.status, run.toString());
            assertTrue(run.out().startsWith("rawsock "), String.join(" ", line) + ": " + run);
            assertEquals(version, run.out());
            assertEquals("", run.stderr);
        }
    }

    @Test
    void helpListsBothCommandsAndTheExitStatuses() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().contains("send"), run.out());
        assertTrue(run.out().contains("recv"), run.out());
        assertTrue(run.out().contains("permission denied"), run.out());
    }

    @Test
    void recvHelpSaysWhatARawSocketSeesAndWhatLinkSees() {
        CliRun run = CliRun.run("recv", "--help");
        assertEquals(0, run.status, run.toString());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("A raw IP socket sees only the packets of its protocol delivered to this host"), help);
        assertTrue(help.contains("--link sees every frame of the interface, in both directions"), help);
    }

    /** An interface this network namespace lacks is a usage error naming it and listing the ones it has. */
    @Test
    void anUnknownInterfaceIsAUsageErrorListingTheInterfaces() {
        for (String[] line : new String[][] {{"recv", "-I", "nosuch0", "-t", "1ms"}, {"send", "-d", "127.0.0.1", "-I", "nosuch0"}}) {
            CliRun run = CliRun.run(line);
            assertEquals(2, run.status, run.toString());
            assertEquals(1, run.stderr.strip().split("\n").length, run.stderr);
            assertTrue(run.stderr.contains("no such interface: nosuch0 (this host has "), run.stderr);
            assertTrue(run.stderr.matches("(?s).*[(, ]lo[,)].*"), "lists lo: " + run.stderr);
        }
    }

    /** Two letters swapped, one left out: picocli's message, then one line with the likely meaning. */
    @Test
    void typosGetADidYouMeanLine() {
        String[][] cases = {
            {"send --dprot 80 -d 127.0.0.1", "Did you mean --dport?"},
            {"sned -d 127.0.0.1", "Did you mean send?"},
            {"rcev -c 1", "Did you mean recv?"},
            {"recv --fromat json", "Did you mean --format?"},
            {"send -d 127.0.0.1 --flgs S", "Did you mean --flags?"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.run(c[0].split(" "));
            assertEquals(2, run.status, run.toString());
            String[] lines = run.stderr.strip().split("\n");
            assertEquals(2, lines.length, run.stderr);
            assertTrue(lines[0].startsWith("rawsock"), run.stderr);
            assertEquals(c[1], lines[1], c[0]);
            assertEquals(0, run.stdout.length);
        }
        CliRun nothingClose = CliRun.run("send", "--xyzzy");
        assertEquals(2, nothingClose.status);
        assertEquals(1, nothingClose.stderr.strip().split("\n").length, nothingClose.stderr);
    }

    /** picocli formats descriptions with String.format: a bare % in one prints a warning on stderr. */
    @Test
    void everyHelpFormatsWithoutPicocliWarnings() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String[] args : new String[][] {{"--help"}, {"send", "--help"}, {"recv", "--help"}}) {
                assertEquals(0, CliRun.run(args).status);
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", said.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertEquals(2, run.status, run.toString());
        assertEquals(0, run.stdout.length);
    }

    /**
     * Bad input that is no option's: the options' own bad values, conflicts and files are rows of
     * the bad-input matrix (BadInputMatrixTest), which also checks that nothing is sent.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "send --dst 127.0.0.1 --no-such-option|--no-such-option",
        "--no-such-option|--no-such-option",
        "bogus-command|bogus-command",
        "send --dst 127.0.0.1 extra-word|extra-word"})
    void badInputIsOneLineAndExitTwo(String args, String named) {
        CliRun run = CliRun.run(args.split(" "));
        assertEquals(2, run.status, run.toString());
        assertEquals(0, run.stdout.length, "nothing on stdout: " + run);
        String[] lines = run.stderr.strip().split("\n");
        assertEquals(1, lines.length, "one line: " + run.stderr);
        assertTrue(lines[0].startsWith("rawsock"), run.stderr);
        assertTrue(run.stderr.contains(named), "names '" + named + "': " + run.stderr);
        assertFalse(run.stderr.contains("\tat "), "no stack trace: " + run.stderr);
    }

    @Test
    void quietIsAcceptedBeforeAndAfterTheSubcommand() {
        // An out-of-range TTL stops both runs after parsing: -q itself must parse in both places.
        CliRun before = CliRun.run("-q", "send", "--dst", "127.0.0.1", "--ttl", "999");
        CliRun after = CliRun.run("send", "--dst", "127.0.0.1", "--ttl", "999", "-q");
        CliRun verbose = CliRun.run("send", "-vv", "--dst", "127.0.0.1", "--ttl", "999");
        assertEquals(2, before.status, before.toString());
        assertEquals(2, after.status, after.toString());
        assertEquals(2, verbose.status, verbose.toString());
    }

    @Test
    void unwritableCaptureFileIsExitFourBeforeAnySocket() {
        CliRun run = CliRun.run("recv", "-w", "/nonexistent-dir/capture.pcap", "-c", "1");
        assertEquals(4, run.status, run.toString());
        assertTrue(run.stderr.contains("/nonexistent-dir/capture.pcap"), run.stderr);
        assertEquals(1, run.stderr.strip().split("\n").length, run.stderr);
    }
}
