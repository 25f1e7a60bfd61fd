package rawsock.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import rawsock.output.JsonSchema;

/**
 * A layer's recorded fields, or an object {@code recv -f json} wrote, whose lookups fail on a key
 * that {@link JsonSchema} does not list for its place: {@code get} and {@code containsKey} of a
 * key that is absent must name one the decoder can write there, so {@code assertNull(f.get("..."))}
 * or {@code assertFalse(o.containsKey("..."))} cannot pass by looking up a misspelt key. A key
 * that is present is always found (the schema tests hold written keys to the schema).
 */
public final class KnownKeys<V> extends LinkedHashMap<String, V> {
    /** The places of JsonSchema: the packet object, any layer, each layer's name, send's objects. */
    private static final Set<String> PLACES = new HashSet<>();

    static {
        for (JsonSchema.Key key : JsonSchema.keys()) {
            PLACES.add(key.place());
        }
    }

    private final String place;

    /** Empty, for keys of {@code place}: {@link JsonSchema#PACKET} or a layer's name ("ip", "vlan"). */
    public KnownKeys(String place) {
        if (!PLACES.contains(place)) {
            throw new AssertionError("rawsock.output.JsonSchema has no place called '" + place + "'");
        }
        this.place = place;
    }

    /** True when the decoder can write {@code key} at {@code place} (a packet object also holds its layers by name). */
    public static boolean known(String place, String key) {
        if (JsonSchema.typeOf(place, key) != null) {
            return true;
        }
        if (place.equals(JsonSchema.PACKET)) {
            String layer = key.replaceFirst("_[0-9]+$", "");
            return !layer.equals(JsonSchema.PACKET) && !layer.equals(JsonSchema.ANY_LAYER) && PLACES.contains(layer);
        }
        return JsonSchema.typeOf(JsonSchema.ANY_LAYER, key) != null;
    }

    /** True when {@code key} was written, without asking whether it could be (for a sink that records what comes). */
    public boolean written(String key) {
        return super.containsKey(key);
    }

    /**
     * The value of {@code key}, or null, for a loop over layers of every kind ("if this layer
     * verified a checksum, it is right"): the key need only be one the schema lists somewhere, so
     * a misspelling still fails.
     */
    public V ofAnyLayer(String key) {
        if (!super.containsKey(key) && JsonSchema.keys().stream().noneMatch(k -> k.name().equals(key))) {
            throw new AssertionError("rawsock.output.JsonSchema lists no key '" + key + "' anywhere (misspelt?)");
        }
        return super.get(key);
    }

    private void requireKnown(Object key) {
        if (!super.containsKey(key) && !(key instanceof String name && known(place, name))) {
            throw new AssertionError("rawsock.output.JsonSchema lists no key '" + key + "' for " + place
                    + " (misspelt?); present: " + keySet());
        }
    }

    @Override
    public V get(Object key) {
        requireKnown(key);
        return super.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        requireKnown(key);
        return super.containsKey(key);
    }

    @Override
    public V getOrDefault(Object key, V otherwise) {
        requireKnown(key);
        return super.getOrDefault(key, otherwise);
    }

    /**
     * A parsed {@code recv -f json} packet object (Maps as {@link Json} makes them) with checked
     * lookups: its own keys against the packet's, each layer object's (and each of
     * {@code quoted}'s) against its layer's.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> packet(Map<String, Object> object) {
        KnownKeys<Object> checked = new KnownKeys<>(JsonSchema.PACKET);
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> map && entry.getKey().equals("quoted")) {
                KnownKeys<Object> quoted = new KnownKeys<>(JsonSchema.PACKET);
                ((Map<String, Object>) map).forEach((name, layer) -> quoted.put(name, layer(name, layer)));
                value = quoted;
            } else if (value instanceof Map<?, ?> && JsonSchema.typeOf(JsonSchema.PACKET, entry.getKey()) == null) {
                value = layer(entry.getKey(), value);
            }
            checked.put(entry.getKey(), value);
        }
        return checked;
    }

    /** {@code object}'s entries, with lookups checked against {@code place} (flat: nested objects stay as they are). */
    public static <V> Map<String, V> in(String place, Map<String, V> object) {
        KnownKeys<V> checked = new KnownKeys<>(place);
        checked.putAll(object);
        return checked;
    }

    @SuppressWarnings("unchecked")
    private static Object layer(String key, Object value) {
        String place = key.replaceFirst("_[0-9]+$", "");
        if (!(value instanceof Map<?, ?> map) || !PLACES.contains(place)) {
            return value; // not a layer object, or a test's fake layer: no schema to hold it to
        }
        KnownKeys<Object> checked = new KnownKeys<>(place);
        checked.putAll((Map<String, Object>) map);
        return checked;
    }
}
