package rawsock.testing;

import rawsock.packet.FieldSink;
import rawsock.packet.Layer;

/**
 * Records a layer's fields in order; a missing or repeated name or a null text fails (JSON keys must
 * be unique). Lookups go through {@link KnownKeys}: a key the layer can never write fails.
 */
public final class RecordedFields implements FieldSink {
    /** What the layer wrote; {@code get} and {@code containsKey} of an absent key must name one it could write. */
    public final KnownKeys<Object> values;

    /** For the fields of a layer called {@code layerName} ("ip", "tcp"): its place in the JSON schema. */
    public RecordedFields(String layerName) {
        values = new KnownKeys<>(layerName);
    }

    private void put(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new AssertionError("field without a name");
        }
        if (values.written(name)) {
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
     * The field's value, or null when the layer did not write it. A name that the JSON schema does
     * not list for this layer (a misspelling, or another layer's key) fails, so an
     * {@code assertNull(f.get("..."))} cannot pass by looking up the wrong key.
     */
    public Object get(String name) {
        return values.get(name);
    }

    /** {@link KnownKeys#ofAnyLayer}: for a loop over layers of every kind; the key must be one some layer writes. */
    public Object ofAnyLayer(String name) {
        return values.ofAnyLayer(name);
    }

    /** Whether the layer wrote {@code name}, which must be one the schema lists for it. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    public static RecordedFields of(Layer layer) {
        RecordedFields f = new RecordedFields(layer.name());
        layer.fields(f);
        return f;
    }
}
