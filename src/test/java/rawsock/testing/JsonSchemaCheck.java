package rawsock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import rawsock.output.JsonSchema;
import rawsock.output.JsonSchema.Type;

/**
 * Holds one object {@code recv -f json} (or {@code send --traceroute -f json}) wrote (parsed into Maps, Longs, Strings, Booleans and
 * nulls) against {@link JsonSchema}: every key is listed for its place with the type it has, and
 * every number is an integer jq reads exactly (below 2^53).
 */
public final class JsonSchemaCheck {
    private static final long EXACT_IN_A_DOUBLE = 1L << 53;

    private JsonSchemaCheck() {
    }

    public static void packet(Map<String, Object> packet) {
        for (Map.Entry<String, Object> entry : packet.entrySet()) {
            String key = entry.getKey();
            Type type = JsonSchema.typeOf(JsonSchema.PACKET, key);
            if (type == null || key.equals("quoted")) {
                assertTrue(entry.getValue() instanceof Map, () -> "packet key " + key + " is neither in the schema nor a layer");
                if (key.equals("quoted")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> quoted = (Map<String, Object>) entry.getValue();
                    quoted.forEach(JsonSchemaCheck::layer);
                } else {
                    layer(key, entry.getValue());
                }
            } else {
                value("packet", key, type, entry.getValue());
            }
        }
    }

    /** One object of {@code send --traceroute -f json}: a hop's (it lists addresses) or a probe's. */
    public static void trace(Map<String, Object> object) {
        String place = object.containsKey("addresses") ? JsonSchema.TRACE_HOP : JsonSchema.TRACE_PROBE;
        for (Map.Entry<String, Object> field : object.entrySet()) {
            Type type = JsonSchema.typeOf(place, field.getKey());
            assertNotNull(type, "key " + field.getKey() + " of a " + place + " is not in rawsock.output.JsonSchema");
            value(place, field.getKey(), type, field.getValue());
        }
    }

    /** A layer object under its key ("ip", "vlan_2"). */
    @SuppressWarnings("unchecked")
    private static void layer(String key, Object value) {
        String place = key.replaceFirst("_[0-9]+$", "");
        assertTrue(value instanceof Map, () -> "layer " + key + " is not an object");
        for (Map.Entry<String, Object> field : ((Map<String, Object>) value).entrySet()) {
            Type type = JsonSchema.typeOf(place, field.getKey());
            if (type == null) {
                type = JsonSchema.typeOf(JsonSchema.ANY_LAYER, field.getKey());
            }
            assertNotNull(type, "key " + field.getKey() + " of layer " + place + " is not in rawsock.output.JsonSchema");
            value(place, field.getKey(), type, field.getValue());
        }
    }

    private static void value(String place, String key, Type type, Object value) {
        String where = place + "." + key + " = " + value;
        switch (type) {
            case NUMBER:
                assertTrue(value instanceof Long, where + ": not an integer");
                assertTrue(Math.abs((Long) value) < EXACT_IN_A_DOUBLE, where + ": not exact in jq (2^53 or more)");
                break;
            case STRING:
                assertTrue(value instanceof String, where + ": not a string");
                break;
            case STRING_OR_NULL:
                assertTrue(value == null || value instanceof String, where + ": not a string or null");
                break;
            case DECIMAL:
                assertTrue(value instanceof Number, where + ": not a number");
                break;
            case STRING_ARRAY:
                assertTrue(value instanceof java.util.List<?> list && list.stream().allMatch(String.class::isInstance),
                        where + ": not an array of strings");
                break;
            case BOOLEAN:
                assertTrue(value instanceof Boolean, where + ": not a boolean");
                break;
            default:
                assertEquals(Type.OBJECT, type);
                assertTrue(value instanceof Map, where + ": not an object");
        }
    }
}
