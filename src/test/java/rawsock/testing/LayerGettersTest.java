package rawsock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import rawsock.packet.FieldSink;
import rawsock.packet.Ipv4;
import rawsock.packet.Layer;
import rawsock.packet.Tcp;
import rawsock.packet.Vlan;

/**
 * The getters the fuzz tests call are found, not listed: a new one is called, and what it throws
 * surfaces; a way of reading a view that no rule calls (a getter with arguments) fails the build.
 */
class LayerGettersTest {
    private static Set<String> names(Class<?> type) {
        return LayerGetters.gettersOf(type).stream().map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void everyPublicNoArgumentGetterIsFoundAndNothingElse() {
        Set<String> ipv4 = names(Ipv4.class);
        // ttl, id and tos were never in the hand-kept list; offset and available come from the shared view class.
        assertTrue(ipv4.containsAll(Set.of("ttl", "id", "tos", "srcText", "checksumOk", "offset", "available", "quoted")),
                ipv4.toString());
        // wrap and pseudoHeaderSum take arguments, describe returns nothing, hashCode is Object's.
        for (String absent : List.of("wrap", "pseudoHeaderSum", "describe", "fields", "hashCode", "getClass")) {
            assertFalse(ipv4.contains(absent), absent);
        }
        assertTrue(names(Tcp.class).containsAll(Set.of("seq", "ack", "urgent", "mss", "windowScale")));
    }

    /** A layer with one public getter besides the interface's, which throws. */
    public static class Throwing implements Layer {
        int calls;

        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public boolean truncated() {
            return false;
        }

        @Override
        public void fields(FieldSink out) {
        }

        @Override
        public void describe(StringBuilder text) {
            text.append("throwing");
        }

        public int newGetter() {
            calls++;
            throw new IndexOutOfBoundsException("read past the packet");
        }
    }

    /** Every class of packet/ that implements Layer, read from the compiled classes. */
    static List<Class<? extends Layer>> layerClasses() throws Exception {
        Path dir = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("rawsock/packet");
        List<Class<? extends Layer>> layers = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> type = Class.forName("rawsock.packet." + name.substring(0, name.length() - 6));
                    if (Layer.class.isAssignableFrom(type) && !type.isInterface()) {
                        layers.add(type.asSubclass(Layer.class));
                    }
                }
            }
        }
        return layers;
    }

    /** A view that gains a way of reading it which no rule calls fails here (the rules are in LayerGetters.notExercised). */
    @Test
    void everyWayOfReadingAViewOfPacketIsExercised() throws Exception {
        List<Class<? extends Layer>> layers = layerClasses();
        assertTrue(layers.size() >= 11 && layers.contains(Ipv4.class) && layers.contains(Vlan.class), layers.toString());
        List<String> missed = new ArrayList<>();
        for (Class<? extends Layer> type : layers) {
            missed.addAll(LayerGetters.notExercised(type));
        }
        assertEquals(List.of(), missed, "public methods of the views that the fuzz tests never call");
    }

    /** A layer with a getter that takes an argument, one that returns nothing, and a fluent setter. */
    public static final class Gained extends Throwing {
        public int byteAt(int index) {
            return index;
        }

        public void rewind() {
        }

        public Gained quoted(boolean quoted) {
            return this;
        }
    }

    @Test
    void aGetterNoRuleCallsIsNamed() {
        assertEquals(List.of("Gained.byteAt[int]", "Gained.rewind[]"), LayerGetters.notExercised(Gained.class));
        assertEquals(List.of(), LayerGetters.notExercised(Throwing.class), "its no-argument getter is called");
    }

    @Test
    void theSpanOfAViewIsFoundAndAForeignLayerHasNone() {
        Ipv4 ip = new Ipv4().wrap(java.nio.ByteBuffer.allocate(30), 4, 20);
        assertEquals(new LayerGetters.Span(4, 20), LayerGetters.span(ip));
        assertNull(LayerGetters.span(new Throwing()));
    }

    @Test
    void aNewGetterIsCalledAndWhatItThrowsIsNotSwallowed() {
        Throwing layer = new Throwing();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> LayerGetters.callAll(layer));
        assertEquals("read past the packet", e.getMessage());
        assertEquals(1, layer.calls);
    }
}
