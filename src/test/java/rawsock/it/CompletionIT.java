package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.testing.CommandModel;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * The completion scripts the build made (target/completion), run by a real bash: sourced, then the
 * function that 'complete -p rawsock' names is called with COMP_WORDS/COMP_CWORD as bash sets them.
 * What they offer is held against the picocli model (commands, option names, fixed values) and,
 * for -I/--iface, against the interfaces 'ip -o link' lists. zsh, where installed, loads _rawsock
 * from $fpath in an interactive shell on a pseudo-terminal and completes on a real TAB.
 */
class CompletionIT {
    /** Sources the script, completes the words given (the last is the one being completed). */
    private static final String BASH_DRIVER = String.join("\n",
            "source \"$1\"; shift",
            "fn=$(complete -p rawsock | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')",
            "[ -n \"$fn\" ] || { echo 'no completion function registered for rawsock' >&2; exit 9; }",
            "COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}",
            "\"$fn\" rawsock \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");

    @Test
    void afterRawsockTheCommands() throws Exception {
        Set<String> commands = new TreeSet<>(CommandModel.commands().get(0).getSubcommands().keySet());
        assertEquals(commands, bash("rawsock", ""));
        assertEquals(commands, bash("rawsock", "-v", ""), "-v takes no value");
        assertEquals(Set.of("send"), bash("rawsock", "se"));
    }

    @Test
    void everyOptionNameOfEachCommand() throws Exception {
        for (CommandLine command : CommandModel.commands()) {
            Set<String> offered = bash(words(command, "-"));
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.hidden()) {
                    continue; // like --no-ring, for benchmarks: --help does not show it either
                }
                for (String name : option.names()) {
                    assertTrue(offered.contains(name), command.getCommandSpec().qualifiedName() + ": " + name + " not in " + offered);
                }
            }
        }
    }

    @Test
    void fixedValuesOfTheModel() throws Exception {
        int checked = 0;
        for (CommandLine command : CommandModel.commands()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.completionCandidates() == null) {
                    continue;
                }
                Set<String> expected = new TreeSet<>();
                option.completionCandidates().forEach(expected::add);
                for (String name : option.names()) {
                    assertEquals(expected, bash(words(command, name, "")), command.getCommandSpec().qualifiedName() + " " + name);
                }
                checked++;
            }
        }
        assertTrue(checked >= 5, "--proto, --format (both commands) and --timing have fixed values");
        assertEquals(Set.of("text", "hex", "json", "pcap", "pcapng"), bash("rawsock", "recv", "--format", ""));
        assertEquals(Set.of("json"), bash("rawsock", "send", "-f", "j"));
    }

    @Test
    void interfaceNamesOfThisMachine() throws Exception {
        for (String command : List.of("send", "recv")) {
            for (String option : List.of("-I", "--iface")) {
                Set<String> offered = bash("rawsock", command, option, "");
                assertTrue(offered.contains("lo"), offered.toString());
                // Other tests may add or remove a veth meanwhile: compare again, a few times at most.
                Set<String> listed = ipLinkNames();
                for (int i = 0; i < 5 && !offered.equals(listed); i++) {
                    Thread.sleep(200);
                    offered = bash("rawsock", command, option, "");
                    listed = ipLinkNames();
                }
                assertEquals(listed, offered, command + " " + option);
                assertEquals(Set.of("lo"), bash("rawsock", command, option, "lo"));
            }
        }
    }

    /** ifaces takes interface names as arguments: offered after it, but not as the value of its -f. */
    @Test
    void ifacesArgumentsAreInterfaceNames() throws Exception {
        Set<String> offered = bash("rawsock", "ifaces", "");
        Set<String> listed = ipLinkNames();
        for (int i = 0; i < 5 && !offered.equals(listed); i++) {
            Thread.sleep(200);
            offered = bash("rawsock", "ifaces", "");
            listed = ipLinkNames();
        }
        assertEquals(listed, offered);
        assertEquals(Set.of("lo"), bash("rawsock", "ifaces", "-f", "json", "lo"));
        assertEquals(Set.of("lo"), bash("rawsock", "-q", "ifaces", "lo"));
        assertEquals(Set.of("text", "json"), bash("rawsock", "ifaces", "lo", "-f", ""));
        assertTrue(bash("rawsock", "ifaces", "--").contains("--format"));
        assertTrue(bash("rawsock", "recv", "-w", "/nonexistent-dir/x").isEmpty(), "other commands are left as they were");
    }

    /** Without /sys/class/net (hidden by a tmpfs in a private mount namespace), 'ip -o link' answers. */
    @Test
    @RequiresRoot
    void interfaceNamesWithoutSysfs() throws Exception {
        Set<String> listed = ipLinkNames();
        Object[] result = Processes.run(List.of("unshare", "--mount", "sh", "-c",
                "mount -t tmpfs none /sys/class && test ! -e /sys/class/net && bash --norc -c 'source \"$1\"; _rawsock_interfaces' bash \"$1\"",
                "sh", completion("rawsock.bash").toString()), 30);
        assertEquals(0, result[0], (String) result[2]);
        Set<String> offered = new TreeSet<>(List.of(((String) result[1]).strip().split("\n")));
        assertTrue(offered.contains("lo"), offered.toString());
        assertTrue(listed.containsAll(offered) || ipLinkNames().containsAll(offered), offered + " vs " + listed);
    }

    @Test
    void filesAndUsers(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("capture.pcap"));
        assertEquals(Set.of(dir.resolve("capture.pcap").toString()), bash("rawsock", "recv", "-w", dir + "/cap"));
        assertEquals(Set.of(dir.resolve("capture.pcap").toString()), bash("rawsock", "send", "--read-pcap", dir + "/cap"));
        assertTrue(bash("rawsock", "--user", "roo").contains("root"));
    }

    @Test
    void zshCompletesOnTab() throws Exception {
        Assumptions.assumeTrue(ToolProcess.sh("command -v zsh", 10)[0].equals(0), "zsh is not installed");
        List<String> screens = zshTab(completion("_rawsock").getParent(),
                "rawsock ", "send recv", "rawsock recv -f ", "text hex json pcap", "rawsock send -I ", "lo",
                "rawsock ifaces ", "lo");
        assertTrue(screens.get(0).contains("send") && screens.get(0).contains("recv"), screens.get(0));
        for (String format : List.of("text", "hex", "json", "pcap")) {
            assertTrue(screens.get(1).matches("(?s).*\\b" + format + "\\b.*"), format + " in:\n" + screens.get(1));
        }
        assertTrue(screens.get(2).matches("(?s).*\\blo\\b.*"), screens.get(2));
        assertTrue(screens.get(3).matches("(?s).*\\blo\\b.*"), screens.get(3));
        for (String screen : screens) {
            assertTrue(!screen.contains("not found") && !screen.contains("error"), screen);
        }
    }

    /**
     * Types each line and two TABs into one interactive zsh (compinit, $fpath with the directory of
     * _rawsock) on a pseudo-terminal made by zsh's zpty module; returns what the terminal showed
     * for each line. {@code linesAndWords} pairs each line with the words (space-separated) the
     * TABs should bring: the line is cleared (Ctrl-U) once the terminal has shown them all, or
     * after 20 s without them; the caller's assertions then judge what was shown.
     */
    private static List<String> zshTab(Path fpath, String... linesAndWords) throws Exception {
        String script = String.join("\n",
                "zmodload zsh/zpty",
                "zpty z 'env -i HOME=/nonexistent TERM=dumb PATH=/usr/bin:/bin zsh -f -i'",
                "zpty -w z \"PS1='> '; fpath=(${(q)1} \\$fpath); autoload -U compinit; compinit -u -D; unsetopt beep\"",
                "zpty -w z 'print -r -- READY-$((6*7))'",
                "zpty -r z out '*READY-42*'",
                "shift",
                "while (( $# >= 2 )); do",
                "  zpty -w -n z \"$1\"$'\\t\\t'",
                "  shown='' end=$(( SECONDS + 20 ))",
                "  while (( SECONDS < end )); do",
                "    missing=0",
                "    for word in ${=2}; do [[ $shown == *$word* ]] || missing=1; done",
                "    (( missing )) || break",
                "    if zpty -r -t z chunk; then shown+=$chunk; else sleep 0.05; fi",
                "  done",
                "  zpty -w -n z $'\\C-u'",
                "  zpty -w z 'print -r -- END-$((6*7))'",
                "  zpty -r z out '*END-42*'",
                "  print -r -- \"$shown$out\"",
                "  print -r -- '----8<----'",
                "  shift 2",
                "done",
                "zpty -d z");
        List<String> command = new ArrayList<>(List.of("zsh", "-f", "-c", script, "zsh", fpath.toString()));
        command.addAll(List.of(linesAndWords));
        Object[] result = Processes.run(command, 120);
        assertEquals(0, result[0], (String) result[2]);
        String screen = ((String) result[1]).replaceAll("\u001B\\[[0-9;?]*[a-zA-Z]", "").replace("\r", "");
        List<String> screens = List.of(screen.split("----8<----\n?"));
        assertEquals(linesAndWords.length / 2, screens.size(), screen);
        return screens;
    }

    private static Set<String> ipLinkNames() throws Exception {
        Object[] ip = Processes.run(List.of("ip", "-o", "link", "show"), 10);
        assertEquals(0, ip[0], (String) ip[2]);
        Set<String> names = new TreeSet<>();
        for (String line : ((String) ip[1]).split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length >= 2) {
                names.add(fields[1].replaceAll("@.*", ""));
            }
        }
        return names;
    }

    /** rawsock, the command's path below it, then the words given. */
    private static String[] words(CommandLine command, String... rest) {
        List<String> words = new ArrayList<>();
        for (CommandSpec spec = command.getCommandSpec(); spec != null; spec = spec.parent()) {
            words.add(0, spec.name());
        }
        words.addAll(List.of(rest));
        return words.toArray(new String[0]);
    }

    private static Set<String> bash(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", BASH_DRIVER, "bash",
                completion("rawsock.bash").toString()));
        command.addAll(List.of(words));
        Object[] result = Processes.run(command, 30);
        assertEquals(0, result[0], String.join(" ", words) + ": " + result[2]);
        Set<String> offered = new TreeSet<>();
        for (String line : ((String) result[1]).split("\n")) {
            if (!line.isEmpty()) {
                offered.add(line);
            }
        }
        return offered;
    }

    private static Path completion(String name) {
        Path file = ToolProcess.jar().toAbsolutePath().getParent().resolve("completion").resolve(name);
        assertTrue(Files.isRegularFile(file), "the build makes " + file);
        return file;
    }
}
