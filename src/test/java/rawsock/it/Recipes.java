package rawsock.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipes of the README's "Cookbook" section, by name: each is a {@code <!-- recipe NAME -->}
 * marker followed by a {@code ```sh} block, whose text is returned exactly as the reader sees it.
 */
final class Recipes {
    private static final Pattern RECIPE = Pattern.compile("<!-- recipe ([a-z0-9-]+) -->\\s*\\n```sh\\n(.*?)\\n```",
            Pattern.DOTALL);

    private Recipes() {
    }

    static Map<String, String> fromReadme(Path readme) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("\n## Cookbook\n");
        if (start < 0) {
            throw new IllegalStateException("README.md has no '## Cookbook' section");
        }
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Map<String, String> recipes = new LinkedHashMap<>();
        Matcher matcher = RECIPE.matcher(section);
        while (matcher.find()) {
            if (recipes.put(matcher.group(1), matcher.group(2)) != null) {
                throw new IllegalStateException("two recipes named " + matcher.group(1));
            }
        }
        long markers = section.lines().filter(line -> line.startsWith("<!-- recipe")).count();
        if (markers != recipes.size()) {
            throw new IllegalStateException(markers + " recipe markers but " + recipes.size()
                    + " are followed by a sh block");
        }
        return recipes;
    }

    /** Each non-empty line of a recipe's output. */
    static List<String> lines(String output) {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
