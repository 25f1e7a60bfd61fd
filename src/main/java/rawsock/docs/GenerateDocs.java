package rawsock.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;
import rawsock.output.JsonSchema;

/**
 * Build time only (Maven runs it at process-classes; it is left out of rawsock.jar): writes, from
 * the same picocli model that parses the command line,
 * <ul>
 *   <li>{@code DIR/generated-docs/rawsock.adoc}, {@code rawsock-send.adoc}, {@code rawsock-recv.adoc}:
 *       picocli-codegen's AsciiDoc man pages, which src/docs/man/rawsock.adoc puts together into
 *       one rawsock(1) that asciidoctor turns into troff;</li>
 *   <li>{@code DIR/generated-docs/json-keys.adoc}: the JSON keys of recv -f json ({@link JsonSchema}),
 *       the tables the man page's FORMATS section includes;</li>
 *   <li>{@code DIR/completion/rawsock.bash}: picocli's bash completion script plus a wrapper that
 *       completes what is only known when completing: interface names for -I/--iface and for
 *       ifaces' IFACE arguments, files for FILE/PATH options, user names for --user;</li>
 *   <li>{@code DIR/completion/_rawsock}: the same for zsh's $fpath, through zsh's bashcompinit.</li>
 *   <li>{@code DIR/generated-docs/readme-NAME.adoc}: the sections README.md marks for the man page.</li>
 * </ul>
 * Usage: {@code GenerateDocs DIR README}. Says nothing on stdout.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateDocs TARGET_DIR README");
        }
        Path target = Path.of(args[0]);
        writeManPages(model(), target.resolve("generated-docs"));
        writeReadmeSections(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8), target.resolve("generated-docs"));
        Path completion = target.resolve("completion");
        Files.createDirectories(completion);
        String bash = bashCompletion(model());
        writeIfChanged(completion.resolve("rawsock.bash"), bash);
        writeIfChanged(completion.resolve("_rawsock"), zshCompletion("rawsock", bash));
    }

    /** Leaves an unchanged file alone, so that the build can skip asciidoctor when nothing changed. */
    static void writeIfChanged(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** The tool's own model; its streams are never used, since nothing is run. */
    static CommandLine model() {
        OutputStream nowhere = OutputStream.nullOutputStream();
        return Rawsock.commandLine(new Console(InputStream.nullInputStream(), nowhere,
                new PrintWriter(nowhere), () -> false));
    }

    /** One AsciiDoc page per command: rawsock.adoc, rawsock-send.adoc, rawsock-recv.adoc. */
    static void writeManPages(CommandLine root, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (CommandLine command : tree(root)) {
            StringWriter page = new StringWriter();
            try (PrintWriter out = new PrintWriter(page)) {
                ManPageGenerator.writeSingleManPage(out, command.getCommandSpec());
            }
            writeIfChanged(dir.resolve(command.getCommandSpec().qualifiedName("-") + ".adoc"), tidy(page.toString()));
        }
        writeIfChanged(dir.resolve("json-keys.adoc"), JsonSchema.asciidoc());
    }

    /** readme-NAME.adoc for each section README.md marks for the man page (see {@link ReadmeSections}). */
    static void writeReadmeSections(String readme, Path dir) throws IOException {
        for (Map.Entry<String, String> section : ReadmeSections.extract(readme).entrySet()) {
            writeIfChanged(dir.resolve("readme-" + section.getKey() + ".adoc"), ReadmeSections.asciidoc(section.getValue()));
        }
    }

    /** An option that has only a short name, as picocli-codegen 4.7.7 writes it: "*-6*, " or "*-w*, _FILE_". */
    private static final Pattern SHORT_ONLY = Pattern.compile("(?m)^(\\*-[^-*]+\\*), (_[^:]*_)?::$");
    /** A section heading; picocli-codegen keeps --help's colon ("Exit status:"). */
    private static final Pattern HEADING = Pattern.compile("(?m)^(==+) +(.*?):?$");

    /** The man page's AsciiDoc as --help would say it: "-6", "-w=FILE", "Exit status". */
    static String tidy(String page) {
        String options = SHORT_ONLY.matcher(page).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + (m.group(2) == null ? "" : "=" + m.group(2)) + "::"));
        return HEADING.matcher(options).replaceAll("$1 $2");
    }

    /** picocli's bash script for the model, then the wrapper for values known only when completing. */
    static String bashCompletion(CommandLine root) {
        Set<String> ifaces = new LinkedHashSet<>();
        Set<String> files = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        StringBuilder positionalInterfaces = new StringBuilder();
        for (CommandLine command : tree(root)) {
            CommandSpec spec = command.getCommandSpec();
            positionalInterfaces.append(positionalInterfaces(spec));
            for (OptionSpec option : new ArrayList<>(spec.options())) {
                if (option.longestName().equals("--iface")) {
                    ifaces.addAll(List.of(option.names()));
                } else if (option.paramLabel().equals("FILE") || option.paramLabel().equals("PATH")) {
                    files.addAll(List.of(option.names()));
                } else if (option.longestName().equals("--user")) {
                    users.addAll(List.of(option.names()));
                }
                if (option.arity().max() == 0 && option.type() != boolean.class && option.type() != Boolean.class) {
                    // -v is a boolean[] (-vv counts); AutoComplete would take it for an option with a
                    // value and complete nothing after it. To AutoComplete it is the flag it is.
                    spec.remove(option);
                    spec.addOption(OptionSpec.builder(option.names()).type(boolean.class).arity("0")
                            .description(option.description()).build());
                }
            }
        }
        String name = root.getCommandName();
        return AutoComplete.bash(name, root)
                + "\n"
                + "# Added by rawsock.docs.GenerateDocs: values that differ per machine, read when completing.\n"
                + "function _" + name + "_interfaces() {\n"
                + "  local d\n"
                + "  if [ -d /sys/class/net ]; then\n"
                + "    for d in /sys/class/net/*/; do d=${d%/}; echo \"${d##*/}\"; done\n"
                + "  else\n"
                + "    ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, \"\", $2); print $2 }'\n"
                + "  fi\n"
                + "}\n"
                + "\n"
                + "function _" + name + "_complete() {\n"
                + "  local curr_word=${COMP_WORDS[COMP_CWORD]}\n"
                + "  local prev_word=${COMP_WORDS[COMP_CWORD-1]}\n"
                + "  case ${prev_word} in\n"
                + "    " + casePattern(ifaces) + ")\n"
                + "      COMPREPLY=( $(compgen -W \"$(_" + name + "_interfaces)\" -- \"${curr_word}\") )\n"
                + "      return 0\n"
                + "      ;;\n"
                + "    " + casePattern(files) + ")\n"
                + "      type compopt &>/dev/null && compopt -o filenames\n"
                + "      local IFS=$'\\n'\n"
                + "      COMPREPLY=( $(compgen -f -- \"${curr_word}\") )\n"
                + "      return 0\n"
                + "      ;;\n"
                + "    " + casePattern(users) + ")\n"
                + "      COMPREPLY=( $(compgen -u -- \"${curr_word}\") )\n"
                + "      return 0\n"
                + "      ;;\n"
                + "  esac\n"
                + positionalInterfaces
                + "  _complete_" + name + " \"$@\"\n"
                + "}\n"
                + "\n"
                + "complete -F _" + name + "_complete -o default " + name + "\n";
    }

    /**
     * zsh's completion function file (_rawsock in $fpath): the same bash script run through zsh's
     * bashcompinit. zsh loads it on the first TAB after the command; the script's 'complete'
     * registers the bash function for the TABs after, and the last line completes this one.
     */
    static String zshCompletion(String name, String bash) {
        return "#compdef " + name + "\n"
                + "# " + name + " completion for zsh: picocli's bash script run through zsh's bashcompinit.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + "# The script makes compopt an alias, too late for its own functions here (zsh reads the\n"
                + "# whole file first); bashcompinit has no compopt, so it does nothing.\n"
                + "(( $+functions[compopt] )) || compopt() { return 0; }\n"
                + bash
                + "_bash_complete -F _" + name + "_complete -o default\n";
    }

    /**
     * For a command whose positional parameters are interface names (ifaces IFACE): once that
     * command is on the line, a word that is no option and no option's value completes to the
     * machine's interfaces. Empty for other commands.
     */
    private static String positionalInterfaces(CommandSpec spec) {
        if (spec.positionalParameters().stream().noneMatch(p -> p.paramLabel().equals("IFACE"))) {
            return "";
        }
        Set<String> takesValue = new LinkedHashSet<>();
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0) {
                takesValue.addAll(List.of(option.names()));
            }
        }
        String fn = "_" + spec.root().name() + "_interfaces";
        // An index loop: zsh (through bashcompinit) reads ${array[@]:1:COMP_CWORD-1} as modifiers.
        return "  local i\n"
                + "  for (( i = 1; i < COMP_CWORD; i++ )); do\n"
                + "    if [ \"${COMP_WORDS[i]}\" = " + spec.name() + " ] && [[ ${curr_word} != -* ]]; then\n"
                + "      case ${prev_word} in\n"
                + "        " + casePattern(takesValue) + ") ;;\n"
                + "        *) COMPREPLY=( $(compgen -W \"$(" + fn + ")\" -- \"${curr_word}\") ); return 0 ;;\n"
                + "      esac\n"
                + "    fi\n"
                + "  done\n";
    }

    private static String casePattern(Set<String> names) {
        if (names.isEmpty()) {
            throw new IllegalStateException("the model has no such option any more: update GenerateDocs");
        }
        return "'" + String.join("'|'", names) + "'";
    }

    /** The command and its subcommands, depth first. */
    static List<CommandLine> tree(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(tree(sub));
        }
        return all;
    }
}
