package rawsock.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rawsock.testing.Processes;

/** Runs the built jar (target/rawsock.jar) as a real process, as a user would. */
final class ToolProcess {
    private ToolProcess() {
    }

    static Path jar() {
        String path = System.getProperty("rawsock.jar", "target/rawsock.jar");
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": integration tests run after 'mvn package' (mvn verify)");
        }
        return jar;
    }

    static List<String> command(String... args) {
        return command(jar(), args);
    }

    static List<String> command(Path jar, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** A shell command line that runs the tool, for pipelines. */
    static String shell(String args) {
        return javaBinary() + " -XX:+UseSerialGC -jar " + jar() + " " + args;
    }

    /** Runs {@code sh -c script} with a bound; returns {exit status, stdout, stderr}. */
    static Object[] sh(String script, long timeoutSeconds) throws IOException, InterruptedException {
        return Processes.run(List.of("sh", "-c", script), timeoutSeconds);
    }
}
