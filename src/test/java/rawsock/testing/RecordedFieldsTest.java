package rawsock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A lookup of a field no layer writes fails instead of reading as "absent". */
class RecordedFieldsTest {
    @Test
    void aMisspeltKeyFailsWhileAnAbsentKnownOneIsNull() {
        RecordedFields fields = new RecordedFields();
        fields.number("ttl", 64);
        assertEquals(64L, fields.get("ttl"));
        assertNull(fields.get("vid"));
        assertThrows(AssertionError.class, () -> fields.get("tll"));
    }
}
