package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * A one-shot send reads no picocli annotation: for each annotation type read by reflection the JDK
 * generates a proxy class at run time (tens of milliseconds of a one-shot send, and no class
 * cache keeps them). Every JDK 17+ on the machine (as scripts/java-env finds them) runs the send
 * command line in a fresh JVM with -Xlog:class+load, which names each class as it loads: from the
 * model to the validated spec no proxy class at all; a whole send (as root) loads none of
 * picocli's annotation types and no proxy class either. recv, still annotated, is
 * the control: its log does show proxies, so the log is read right.
 */
class SendReadsNoAnnotationTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String PROXY = "source: __dynamic_proxy__";
    private static final Pattern PICOCLI_ANNOTATION = Pattern.compile(
            "picocli\\.CommandLine\\$(Command|Option|Parameters|ArgGroup|Spec|ParentCommand|Mixin|Unmatched) ");
    private static final List<String> ONE_SHOT = List.of("-q", "send", "-p", "icmp", "-d", "127.0.0.1");

    /** The child: the command line's model built and parsed, and the spec validated; nothing opened. */
    static final class CommandLineOnly {
        public static void main(String[] args) throws Exception {
            OutputStream nowhere = OutputStream.nullOutputStream();
            Console console = new Console(InputStream.nullInputStream(), nowhere, new PrintWriter(nowhere), () -> false);
            CommandLine.ParseResult parsed = Rawsock.commandLine(console, args).parseArgs(args);
            Object command = parsed.subcommand().commandSpec().userObject();
            if (command instanceof SendCommand) {
                ((SendCommand) command).toSpec();
            } else {
                ((RecvCommand) command).toSpec();
            }
        }
    }

    /** "MAJOR HOME" of every JDK 17 or later, as the launcher finds them. */
    private static List<String[]> jdks() throws Exception {
        Object[] run = Processes.run(List.of("sh", "-c", ". " + ROOT.resolve("scripts/java-env") + " && rawsock_jdks"),
                30);
        assertEquals(0, run[0], (String) run[2]);
        List<String[]> jdks = new ArrayList<>();
        ((String) run[1]).lines().forEach(line -> jdks.add(line.split(" ", 2)));
        assertFalse(jdks.isEmpty(), "no JDK 17+ found");
        return jdks;
    }

    /** The class-load log of {@code main} run with {@code args} on the JDK at {@code home}. */
    private static String classLoads(String home, String main, List<String> args, int status) throws Exception {
        List<String> command = new ArrayList<>(List.of(home + "/bin/java", "-XX:+UseSerialGC", "-Xlog:class+load",
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(args);
        Object[] run = Processes.run(command, 120);
        assertEquals(status, run[0], home + " " + args + ": " + run[2]);
        return (String) run[1];
    }

    private static List<String> lines(String log, Pattern pattern) {
        return log.lines().filter(line -> pattern.matcher(line).find()).toList();
    }

    @Test
    void theSendCommandLineMakesNoProxyClass() throws Exception {
        for (String[] jdk : jdks()) {
            String send = classLoads(jdk[1], CommandLineOnly.class.getName(), ONE_SHOT, 0);
            assertTrue(send.contains(" rawsock.cli.SendRequestReader "), "the log names the classes loaded");
            assertEquals(List.of(), lines(send, Pattern.compile(Pattern.quote(PROXY))), "JDK " + jdk[0]);
            assertEquals(List.of(), lines(send, PICOCLI_ANNOTATION), "JDK " + jdk[0]);

            String recv = classLoads(jdk[1], CommandLineOnly.class.getName(), List.of("recv", "-p", "udp"), 0);
            assertFalse(lines(recv, Pattern.compile(Pattern.quote(PROXY))).isEmpty(),
                    "JDK " + jdk[0] + ": annotated recv shows no proxy: the log is not read right");
            assertFalse(lines(recv, PICOCLI_ANNOTATION).isEmpty(), "JDK " + jdk[0]);
        }
    }

    /**
     * The README's first command, sent for real to 127.0.0.1: no picocli annotation type and no
     * proxy class at all, JNR-FFI's binding of libc included (a Pointer parameter would make it
     * read the annotations of Object's methods, see net/LibC).
     */
    @Test
    @RequiresRoot
    void aOneShotSendLoadsNoPicocliAnnotationAndNoProxy() throws Exception {
        for (String[] jdk : jdks()) {
            String log = classLoads(jdk[1], "rawsock.Main", ONE_SHOT, 0);
            assertTrue(log.contains(" rawsock.app.SendJob "), "the send ran");
            assertEquals(List.of(), lines(log, PICOCLI_ANNOTATION), "JDK " + jdk[0]);
            assertEquals(List.of(), lines(log, Pattern.compile(Pattern.quote(PROXY))), "JDK " + jdk[0]);
        }
    }
}
