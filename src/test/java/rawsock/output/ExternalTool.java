package rawsock.output;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs tcpdump, tshark, xxd on files, for checks independent of our own code. */
final class ExternalTool {
    /** What a finished tool said. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private ExternalTool() {
    }

    static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** tcpdump is required in CI (its script installs it); elsewhere its absence skips. */
    static void requireTcpdump() {
        if (!installed("tcpdump")) {
            if (System.getenv("CI") != null) {
                fail("tcpdump is not installed; the CI script must install it");
            }
            Assumptions.abort("tcpdump is not installed (apt-get install tcpdump); skipped");
        }
    }

    /** An optional tool: its absence skips the test with a visible reason. */
    static void assumeInstalled(String tool, String why) {
        Assumptions.assumeTrue(installed(tool),
                tool + " is not installed, skipped: " + why);
    }

    static Result run(File stdin, File stdout, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(withPath(command));
        Path out = stdout != null ? stdout.toPath() : Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin)
                    : ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(Arrays.toString(command) + " did not finish within 60 s");
            }
            String o = stdout != null ? "" : Files.readString(out, StandardCharsets.UTF_8);
            return new Result(p.exitValue(), o, Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (stdout == null) {
                Files.deleteIfExists(out);
            }
            Files.deleteIfExists(err);
        }
    }

    private static List<String> withPath(String[] command) {
        List<String> list = new ArrayList<>(Arrays.asList(command));
        String tool = list.get(0);
        for (String dir : new String[] {"/usr/bin", "/usr/sbin", "/bin", "/sbin"}) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                list.set(0, dir + "/" + tool);
                break;
            }
        }
        return list;
    }
}
