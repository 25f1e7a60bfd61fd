package rawsock.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lookup of a field the layer never writes fails instead of reading as "absent". */
class RecordedFieldsTest {
    @Test
    void aMisspeltKeyFailsWhileAnAbsentKnownOneIsNull() {
        RecordedFields fields = new RecordedFields("ip");
        fields.number("ttl", 64);
        assertEquals(64L, fields.get("ttl"));
        assertNull(fields.get("options"));
        assertNull(fields.get("truncated"), "a key any layer may hold");
        assertFalse(fields.has("malformed"));
        assertTrue(fields.has("ttl"));
        assertThrows(AssertionError.class, () -> fields.get("tll"));
        assertThrows(AssertionError.class, () -> fields.has("tll"));
        assertThrows(AssertionError.class, () -> fields.values.containsKey("tll"));
        assertThrows(AssertionError.class, () -> fields.get("vid"), "a key of another layer");
    }

    @Test
    void aLayerNameTheSchemaDoesNotKnowFails() {
        assertThrows(AssertionError.class, () -> new RecordedFields("ipv4"));
    }

    @Test
    void aParsedPacketObjectChecksItsOwnKeysAndThoseOfItsLayers() {
        Map<String, Object> packet = KnownKeys.packet(Map.of("len", 60L, "ip", Map.of("ttl", 64L),
                "vlan_2", Map.of("vid", 7L), "quoted", Map.of("udp", Map.of("sport", 53L))));
        assertNull(packet.get("iface"));
        assertFalse(packet.containsKey("tcp"), "a layer by name");
        assertThrows(AssertionError.class, () -> packet.get("lenght"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ip = (Map<String, Object>) packet.get("ip");
        assertNull(ip.get("options"));
        assertThrows(AssertionError.class, () -> ip.get("hlim"), "IPv6's key on an IPv4 layer");
        @SuppressWarnings("unchecked")
        Map<String, Object> vlan = (Map<String, Object>) packet.get("vlan_2");
        assertThrows(AssertionError.class, () -> vlan.get("vlan"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> quoted = (Map<String, Map<String, Object>>) packet.get("quoted");
        assertNull(quoted.get("udp").get("checksum_ok"));
        assertThrows(AssertionError.class, () -> quoted.get("udp").get("dport_"));
    }
}
