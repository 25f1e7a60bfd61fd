package rawsock.docs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of README.md the man page shows too, so that the two cannot drift: each is marked in
 * the README by {@code <!-- man: NAME -->} and {@code <!-- /man -->} and turned here from the
 * Markdown the README uses (paragraphs, bold, code spans, "- " lists, fenced code, links) into
 * AsciiDoc for asciidoctor's man page backend.
 */
public final class ReadmeSections {
    private static final Pattern SECTION = Pattern.compile("(?s)<!-- man: ([a-z-]+) -->\\n(.*?)<!-- /man -->");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]+\\)");

    private ReadmeSections() {
    }

    /** NAME to its Markdown, in README order. */
    public static Map<String, String> extract(String readme) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(readme);
        while (m.find()) {
            if (sections.put(m.group(1), m.group(2)) != null) {
                throw new IllegalStateException("README.md marks section " + m.group(1) + " twice");
            }
        }
        return sections;
    }

    /** The README's Markdown as AsciiDoc. */
    static String asciidoc(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                out.append(fenced ? "----\n" : "[source," + (line.length() > 3 ? line.substring(3) : "text") + "]\n----\n");
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                out.append(line).append('\n');
                continue;
            }
            if (line.startsWith("<!--")) {
                continue; // the README's own markers (recipes)
            }
            if (line.startsWith("#")) {
                throw new IllegalStateException("a heading inside a man section of README.md: " + line);
            }
            String text = line.startsWith("- ") ? "* " + line.substring(2) : line.startsWith("  ") ? line.strip() : line;
            text = LINK.matcher(text).replaceAll("$1");
            text = BOLD.matcher(text).replaceAll("*$1*");
            // code spans literally: pass:c[] keeps '*', '_', '--', '+' and the rest as they are
            text = CODE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                    "pass:c[" + m.group(1).replace("]", "\\]") + "]"));
            out.append(text).append('\n');
        }
        if (fenced) {
            throw new IllegalStateException("an unclosed code block in a man section of README.md");
        }
        return out.toString().strip() + "\n";
    }
}
