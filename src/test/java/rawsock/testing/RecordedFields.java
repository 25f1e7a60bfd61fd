package rawsock.testing;

import java.util.LinkedHashMap;
import java.util.Map;
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

    public Object get(String name) {
        return values.get(name);
    }

    public static RecordedFields of(Layer layer) {
        RecordedFields f = new RecordedFields();
        layer.fields(f);
        return f;
    }
}
