package rawsock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import rawsock.packet.FieldSink;
import rawsock.packet.Ipv4;
import rawsock.packet.Layer;
import rawsock.packet.Tcp;

/** The getters the fuzz tests call are found, not listed: a new one is called, and what it throws surfaces. */
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
    public static final class Throwing implements Layer {
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

    @Test
    void aNewGetterIsCalledAndWhatItThrowsIsNotSwallowed() {
        Throwing layer = new Throwing();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> LayerGetters.callAll(layer));
        assertEquals("read past the packet", e.getMessage());
        assertEquals(1, layer.calls);
    }
}
