package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.testing.BadInputMatrix;
import rawsock.testing.BadInputMatrix.Row;
import rawsock.testing.BadInputRunner;
import rawsock.testing.BadInputRunner.Fixtures;
import rawsock.testing.BadInputRunner.Result;
import rawsock.testing.NetNs;
import rawsock.testing.RequiresRoot;

/**
 * Issue #9's bad-input matrix ({@link BadInputMatrix}), three ways: every option of the picocli
 * model has rows (or a reasoned exemption), so a new option without rows fails here; the rows that
 * need nothing run in-process, without privileges; and, as root, every row runs once more in a
 * network namespace this test creates (only lo, no route out), in one JVM (BadInputRunner) that
 * has no CAP_DAC_OVERRIDE (so a mode-000 file is unreadable, as for any user). There the kernel
 * counts what goes out (/proc/net/snmp, snmp6, tx_packets of every interface): a refused line
 * must move none of them, and four valid sends (the controls) must move theirs.
 */
class BadInputMatrixTest {
    private static final List<CommandSpec> COMMANDS = BadInputMatrix.commands();

    @Test
    void everyOptionHasRowsOrAReasonedExemption() {
        List<Row> rows = BadInputMatrix.rows();
        List<String> problems = new ArrayList<>();
        Map<String, OptionSpec> options = new HashMap<>();
        for (CommandSpec command : COMMANDS) {
            for (OptionSpec option : command.options()) {
                if (!option.inherited()) {
                    options.put(command.name() + " " + option.longestName(), option);
                }
            }
        }
        for (Map.Entry<String, OptionSpec> e : options.entrySet()) {
            String key = e.getKey();
            boolean takesValue = e.getValue().arity().max() > 0;
            List<Row> mine = rows.stream().filter(r -> key.equals(keyOf(r))).toList();
            boolean exempt = BadInputMatrix.EXEMPT.containsKey(key);
            // Hand-written rows: the generated missing-value row alone does not cover an option.
            boolean valueRow = mine.stream().anyMatch(r -> !r.conflict && !isMissingValueRow(r));
            boolean anyRow = mine.stream().anyMatch(r -> !isMissingValueRow(r));
            if (exempt && anyRow) {
                problems.add(key + " is exempt but has rows: drop the exemption");
            } else if (!exempt && takesValue && !valueRow) {
                problems.add(key + " takes a value but has no bad-value row");
            } else if (!exempt && !anyRow) {
                problems.add(key + " (a flag) has no row: add a conflict row, or an exemption with its reason");
            }
        }
        for (String key : BadInputMatrix.EXEMPT.keySet()) {
            if (!options.containsKey(key)) {
                problems.add("exemption for " + key + ", which is no option");
            }
        }
        for (Row row : rows) {
            if (keyOf(row) == null) {
                problems.add("row '" + row + "' has subject " + row.subject + ", no option of " + row.command);
            } else if (options.get(keyOf(row)) == null) {
                continue; // a positional parameter (its label is the subject): it has no name to give
            } else if (!row.named.contains(row.subject) && row.words.stream().noneMatch(w -> List.of(options.get(keyOf(row)).names()).stream()
                    .anyMatch(name -> w.equals(name) || w.startsWith(name + "=")))) {
                problems.add("row '" + row + "' does not give " + row.subject);
            }
        }
        assertEquals(List.of(), problems);
    }

    /** "send --ttl" for a row about --ttl of send (whatever name the row used); null if none. */
    private static String keyOf(Row row) {
        for (CommandSpec command : COMMANDS) {
            if (command.name().equals(row.command)) {
                OptionSpec option = command.findOption(row.subject);
                if (option == null) {
                    // a positional parameter, named by its label (ifaces IFACE)
                    return command.positionalParameters().stream().anyMatch(p -> p.paramLabel().equals(row.subject))
                            ? command.name() + " " + row.subject : null;
                }
                return command.name() + " " + option.longestName();
            }
        }
        return null;
    }

    private static boolean isMissingValueRow(Row row) {
        return row.generated;
    }

    /** Rows that need no root, no resolver and no unreadable file, in-process: the contract without privileges. */
    @TestFactory
    Stream<DynamicTest> refusedInProcess() throws IOException {
        Fixtures fixtures = Fixtures.create();
        List<Row> rows = BadInputMatrix.rows().stream().filter(r -> r.needs.isEmpty()).toList();
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.toString(),
                () -> assertEquals(List.of(), contract(row, BadInputRunner.run(row, fixtures, false), fixtures))))
                .onClose(() -> close(fixtures));
    }

    private static void close(Fixtures fixtures) {
        try {
            fixtures.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What is wrong with a row's result (empty when nothing). */
    static List<String> contract(Row row, Result result, Fixtures fixtures) {
        List<String> wrong = new ArrayList<>();
        String named = fixtures.resolve(row.named);
        if (result.status != row.status) {
            wrong.add("exit " + result.status + ", expected " + row.status);
        }
        if (!result.stdout.isEmpty()) {
            wrong.add("stdout is not empty");
        }
        String[] lines = result.stderr.split("\n", -1);
        if (lines.length != 2 || !lines[1].isEmpty() || !lines[0].startsWith("rawsock")) {
            wrong.add("stderr is not one line starting 'rawsock'");
        }
        if (!result.stderr.contains(named)) {
            wrong.add("stderr does not name '" + named + "'");
        }
        if (result.stderr.contains("Exception") || result.stderr.contains("\tat ")) {
            wrong.add("stack trace or exception name on stderr");
        }
        return wrong.isEmpty() ? wrong : List.of(row + ": " + String.join("; ", wrong) + "\n  stdout: "
                + result.stdout + "\n  stderr: " + result.stderr);
    }

    @Test
    @RequiresRoot
    void inAFreshNamespaceRefusedLinesSendNothingAndTheControlsDo() throws Exception {
        List<Row> all = BadInputRunner.all();
        Map<Integer, Result> results = new HashMap<>();
        long start = System.nanoTime();
        try (Fixtures fixtures = Fixtures.create(); NetNs ns = NetNs.create()) {
            // One JVM for all rows; without CAP_DAC_OVERRIDE/DAC_READ_SEARCH (root reads any file).
            List<String> command = ns.inside("setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                    java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    BadInputRunner.class.getName(), fixtures.dir().toString());
            // Output to a file, not a pipe: a runner that hangs cannot block the read past the bound.
            File log = fixtures.dir().resolve("runner.out").toFile();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(log).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the runner did not finish in 90 s");
            }
            String output = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertTrue(output.contains("\nDONE\n"), "runner output ends early:\n" + output);
            for (String line : output.split("\n")) {
                Map.Entry<Integer, Result> e = Result.decode(line);
                if (e != null) {
                    results.put(e.getKey(), e.getValue());
                }
            }
            assertEquals(all.size(), results.size(), "a result for every row");
            List<String> wrong = new ArrayList<>();
            int rows = BadInputMatrix.rows().size();
            for (int i = 0; i < rows; i++) {
                Row row = all.get(i);
                Result result = results.get(i);
                wrong.addAll(contract(row, result, fixtures));
                Map<String, Long> expected = new HashMap<>();
                if (row.sends > 0) {
                    // Echo replies to 127.0.0.1: each one IP packet on lo, and nothing answers them.
                    // (Which IP counter an IP_HDRINCL send moves depends on the kernel: newer ones
                    // count OutTransmits only.)
                    for (String counter : List.of("lo.tx_packets", "Ip.OutRequests", "Ip.OutTransmits",
                            "Icmp.OutMsgs", "Icmp.OutEchoReps", "IcmpMsg.OutType0")) {
                        expected.put(counter, (long) row.sends);
                    }
                }
                if (row.needs.contains(BadInputMatrix.Need.LOOKUP)) {
                    // The resolver's query: tried, and dropped for want of a route (never sent).
                    result.moved.remove("Ip.OutNoRoutes");
                    result.moved.remove("Ip6.OutNoRoutes");
                }
                if (!sameCounters(expected, result.moved)) {
                    wrong.add(row + ": counters moved " + result.moved + ", expected " + expected);
                }
            }
            for (int i = rows; i < all.size(); i++) {
                Result result = results.get(i);
                String counter = BadInputMatrix.CONTROL_MOVES.get(i - rows);
                if (result.status != 0 || result.moved.getOrDefault(counter, 0L) <= 0) {
                    wrong.add("control '" + all.get(i) + "' (exit " + result.status + ", stderr " + result.stderr
                            + ") did not move " + counter + ": " + result.moved);
                }
            }
            assertEquals(List.of(), wrong, String.join("\n", wrong));
        }
        System.out.printf("bad-input matrix: %d rows and %d controls in a namespace, %.1f s%n",
                BadInputMatrix.rows().size(), BadInputMatrix.controls().size(), (System.nanoTime() - start) / 1e9);
    }

    /** The expected counters moved by exactly so much (those the kernel has), and no other. */
    private static boolean sameCounters(Map<String, Long> expected, Map<String, Long> moved) {
        for (Map.Entry<String, Long> e : moved.entrySet()) {
            if (!e.getValue().equals(expected.get(e.getKey()))) {
                return false;
            }
        }
        return expected.isEmpty() || moved.containsKey("lo.tx_packets");
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
