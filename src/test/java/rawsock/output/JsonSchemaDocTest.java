package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's table of JSON keys is JsonSchema's, word for word (the man page is generated from it). */
class JsonSchemaDocTest {
    static final String START = "<!-- json-schema: generated from rawsock.output.JsonSchema; JsonSchemaDocTest checks it -->\n";
    static final String END = "<!-- /json-schema -->";

    @Test
    void readmeShowsTheSchema() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertTrue(start >= 0 && end > start, "README.md has no section between " + START.trim() + " and " + END);
        assertEquals(JsonSchema.markdown(), readme.substring(start + START.length(), end),
                "README.md's JSON table differs from rawsock.output.JsonSchema; put the expected text between the markers");
    }

    @Test
    void everyKeyHasOneRowPerPlace() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonSchema.Key key : JsonSchema.keys()) {
            assertTrue(seen.add(key.place() + "." + key.name()), "listed twice: " + key);
            assertTrue(!key.meaning().isEmpty() && !key.meaning().contains("\n"), "meaning: " + key);
        }
    }
}
