package rawsock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import rawsock.packet.FieldSink;
import rawsock.packet.Layer;

/** Records a layer's fields in order; a missing or repeated name or a null text fails (JSON keys must be unique). */
public final class RecordedFields implements FieldSink {
    public final Map<String, Object> values = new LinkedHashMap<>();

    private void put(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new AssertionError("field without a name");
        }
        if (values.containsKey(name)) {
            throw new AssertionError("field written twice: " + name);
        }
        values.put(name, value);
    }

    @Override
    public void number(String name, long value) {
        put(name, value);
    }

    @Override
    public void text(String name, String value) {
        if (value == null) {
            throw new AssertionError("null text for " + name);
        }
        put(name, value);
    }

    @Override
    public void flag(String name, boolean value) {
        put(name, value);
    }

    /**
     * The field's value, or null when the layer did not write it. A name that no layer can write
     * (one that is no string in packet/'s sources, such as a misspelling) fails, so an
     * {@code assertNull(f.get("..."))} cannot pass by looking up the wrong key.
     */
    public Object get(String name) {
        if (!values.containsKey(name) && !KnownNames.ALL.contains(name)) {
            throw new AssertionError("no layer writes a field called '" + name + "'");
        }
        return values.get(name);
    }

    /** Every lowercase word quoted in packet/'s sources: a superset of the field names layers write. */
    private static final class KnownNames {
        static final Set<String> ALL = read();

        private static Set<String> read() {
            Pattern literal = Pattern.compile("\"([a-z][a-z0-9_]*)\"");
            Set<String> names = new HashSet<>();
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/rawsock/packet"))) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    Matcher m = literal.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!names.contains("ttl") || !names.contains("vid")) {
                throw new AssertionError("the field names were not found in packet/'s sources: " + names.size());
            }
            return names;
        }
    }

    public static RecordedFields of(Layer layer) {
        RecordedFields f = new RecordedFields();
        layer.fields(f);
        return f;
    }
}
