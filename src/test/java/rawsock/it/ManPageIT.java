package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.app.ExitStatus;
import rawsock.testing.CommandModel;
import rawsock.testing.Processes;

/**
 * target/man/rawsock.1, as the build made it: groff renders it without a warning, and what man
 * shows holds every option of every command (in that command's section), the exit statuses and
 * the examples of the picocli model that --help prints. An option added without reaching the man
 * page fails here.
 */
class ManPageIT {
    private static String page;

    @BeforeAll
    static void render() throws Exception {
        Path manPage = manPage();
        Object[] groff = Processes.run(List.of("groff", "-man", "-Tutf8", "-ww", "-z", manPage.toString()), 60);
        assertEquals(0, groff[0], (String) groff[2]);
        assertEquals("", groff[2], "groff warns");
        Object[] man = Processes.run(List.of("env", "LC_ALL=C.UTF-8", "MANWIDTH=100", "man", "--warnings", "-l",
                manPage.toString()), 60);
        assertEquals(0, man[0], (String) man[2]);
        assertEquals("", man[2], "man warns");
        page = (String) man[1];
    }

    static Path manPage() {
        Path manPage = ToolProcess.jar().toAbsolutePath().getParent().resolve("man/rawsock.1");
        assertTrue(Files.isRegularFile(manPage), "the build makes " + manPage);
        return manPage;
    }

    @Test
    void everyOptionOfEveryCommandIsInItsSection() {
        for (CommandLine command : CommandModel.commands()) {
            CommandSpec spec = command.getCommandSpec();
            String section = section(spec);
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) {
                    continue; // like --no-ring, for benchmarks: --help does not show it either
                }
                for (String name : option.names()) {
                    assertTrue(containsWord(section, name), spec.qualifiedName() + " " + name + " is missing from the man page");
                }
                // The description says the same as --help (first sentence; man wraps lines differently).
                String description = spec.commandLine().getHelp().createDefaultOptionRenderer()
                        .render(option, spec.commandLine().getHelp().createDefaultParamLabelRenderer(),
                                spec.commandLine().getHelp().colorScheme())[0][4].toString();
                String start = description.split("[.;(]")[0].strip();
                assertTrue(flat(section).contains(flat(start)),
                        spec.qualifiedName() + " " + option.longestName() + ": '" + start + "' is not in the man page");
            }
        }
    }

    @Test
    void exitStatusesAreThoseOfExitStatus() throws Exception {
        String section = after("EXIT STATUS");
        Map<String, String> listed = CommandModel.commands().get(0).getCommandSpec().usageMessage().exitCodeList();
        for (Field field : ExitStatus.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                String code = Integer.toString(field.getInt(null));
                assertTrue(listed.keySet().stream().anyMatch(key -> key.strip().equals(code)),
                        "--help's exit codes lack ExitStatus." + field.getName());
                assertTrue(containsWord(section, code), "the man page lacks exit status " + code);
            }
        }
        for (String meaning : listed.values()) {
            assertTrue(flat(section).contains(flat(meaning)), meaning);
        }
    }

    @Test
    void examplesOfEachCommandAreThere() {
        for (CommandLine command : CommandModel.commands()) {
            CommandSpec spec = command.getCommandSpec();
            String section = spec.parent() == null ? after("EXAMPLES") : section(spec);
            for (String line : spec.usageMessage().footer()) {
                assertTrue(flat(section).contains(flat(line)), spec.qualifiedName() + ": example '" + line + "'");
            }
        }
    }

    /** A subcommand's section ("RAWSOCK SEND" up to the next heading), or the page up to the first. */
    private static String section(CommandSpec spec) {
        String heading = spec.qualifiedName().toUpperCase(java.util.Locale.ROOT);
        if (spec.parent() == null) {
            int end = page.indexOf("\nRAWSOCK ");
            assertTrue(end > 0, page);
            return page.substring(0, end);
        }
        return after(heading);
    }

    /** From a top-level heading (a line of its own, not indented) to the next one. */
    private static String after(String heading) {
        List<String> lines = page.lines().toList();
        List<String> section = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            boolean isHeading = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (isHeading && in) {
                break;
            }
            if (isHeading && line.strip().equals(heading)) {
                in = true;
            } else if (in) {
                section.add(line);
            }
        }
        assertTrue(in, "no section " + heading + " in\n" + page);
        return String.join("\n", section);
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
    }

    /** Spaces as one; asciidoctor's typographic apostrophe and ellipsis as --help writes them. */
    /**
     * The sections README.md marks for the man page are there under their heading, each paragraph
     * as the README words it (Markdown marks taken out); the JSON keys of JsonSchema too.
     */
    @Test
    void readmeSectionsAndJsonKeysAreInTheirSections() throws Exception {
        Map<String, String> headings = Map.of("text-output", "TEXT OUTPUT", "vlan-filters", "FILTERS",
                "conventions", "CONVENTIONS", "privileges", "PRIVILEGES", "examples", "COOKBOOK");
        Map<String, String> sections = rawsock.docs.ReadmeSections.extract(Files.readString(Path.of("README.md")));
        assertEquals(headings.keySet(), sections.keySet(), "README.md's man sections");
        for (Map.Entry<String, String> section : sections.entrySet()) {
            String shown = flat(after(headings.get(section.getKey())));
            java.util.regex.Matcher code = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(section.getValue());
            while (code.find()) {
                for (String line : code.group(1).split("\\n")) {
                    assertTrue(shown.contains(flat(line)), section.getKey() + ": the line '" + line + "' is not in "
                            + headings.get(section.getKey()));
                }
            }
            for (String paragraph : section.getValue().replaceAll("(?s)```.*?```", "").split("\\n\\s*\\n")) {
                if (paragraph.isBlank() || paragraph.startsWith("<!--")) {
                    continue;
                }
                String words = flat(paragraph.replaceAll("<!--.*?-->", "").replace("**", "").replace("`", "")
                        .replaceAll("(?m)^- ", ""));
                String start = words.substring(0, Math.min(60, words.length()));
                assertTrue(shown.contains(start), section.getKey() + ": '" + start + "' is not in " + headings.get(section.getKey()));
            }
        }
        String keys = flat(after("JSON KEYS"));
        for (rawsock.output.JsonSchema.Key key : rawsock.output.JsonSchema.keys()) {
            assertTrue(keys.contains(key.name() + " (" + key.type().words() + ")"), key + " is not in JSON KEYS");
        }
    }

    private static String flat(String text) {
        return text.strip().replaceAll("\\s+", " ").replace('\u2019', '\'').replace("\u2026", "...");
    }
}
