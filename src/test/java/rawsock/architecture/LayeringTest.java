package rawsock.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README's Architecture, checked over the compiled main classes: every
 * reference a class file holds (its constant pool: classes, field and method descriptors,
 * signatures) to another rawsock package must go down the layers. A package not listed here
 * fails too, so a new one is placed deliberately.
 */
class LayeringTest {
    /** Each package and the rawsock packages it may use. */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "text", Set.of(),
            "packet", Set.of("text"),
            "filter", Set.of("packet", "text"),
            "output", Set.of("packet", "text"),
            "net", Set.of(),
            "app", Set.of("packet", "filter", "output", "net", "text"),
            "cli", Set.of("app", "packet", "filter", "output", "text"),
            "docs", Set.of("cli", "output", "text"),
            "(top)", Set.of("cli", "net")); // rawsock.Main: the console (isatty) and the command line

    private static final Pattern REFERENCE = Pattern.compile("rawsock/([a-z0-9_]+)/");

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws Exception {
        Map<String, Set<String>> used = usedPackages();
        List<String> violations = new ArrayList<>();
        used.forEach((from, targets) -> {
            String[] parts = from.split(" ", 2);
            Set<String> allowed = MAY_USE.get(parts[0]);
            if (allowed == null) {
                violations.add(parts[1] + ": package rawsock." + parts[0] + " has no place in the layers");
                return;
            }
            for (String target : targets) {
                if (!target.equals(parts[0]) && !allowed.contains(target)) {
                    violations.add(parts[1] + " uses rawsock." + target);
                }
            }
        });
        assertEquals(List.of(), violations);
    }

    /** The scan sees references: without this a broken parser would pass everything. */
    @Test
    void theScanFindsKnownReferences() throws Exception {
        Map<String, Set<String>> used = usedPackages();
        assertTrue(used.get("app rawsock/app/SendJob.class").contains("net"), used.toString());
        assertTrue(used.get("cli rawsock/cli/SendCommand.class").contains("app"), used.toString());
        assertTrue(used.get("filter rawsock/filter/Layers.class").contains("packet"), used.toString());
    }

    /** "package path/of/Class.class" -> the rawsock packages its class file refers to. */
    private static Map<String, Set<String>> usedPackages() throws IOException, URISyntaxException {
        Path root = Path.of(rawsock.packet.EtherType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("rawsock"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String[] path = relative.split("/");
                String own = path.length == 2 ? "(top)" : path[1]; // rawsock.Main starts the program
                Set<String> targets = new TreeSet<>();
                for (String text : utf8Constants(file)) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        targets.add(m.group(1));
                    }
                }
                used.put(own + " " + relative, targets);
            }
        }
        return used;
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS 4.4), which hold every name and descriptor. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // a long or double takes two entries
                    }
                    default -> throw new IOException(classFile + ": unknown constant tag " + tag);
                }
            }
        }
        return texts;
    }
}
