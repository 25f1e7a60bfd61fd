package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Which protocols an expression can match on a raw socket (what recv opens its socket for). */
class FilterProtocolsTest {
    private static String of(String expression, FilterTarget target) throws FilterSyntaxException {
        BitSet possible = FilterProtocols.possible(expression, target);
        return possible.cardinality() > 8 ? "any but " + (256 - possible.cardinality()) : possible.toString();
    }

    @Test
    void oneTransportOrSeveralOrAny() throws FilterSyntaxException {
        assertEquals("{17}", of("udp port 53", FilterTarget.IPV4_RAW));
        assertEquals("{17}", of("udp and not src host 1.2.3.4", FilterTarget.IPV4_RAW));
        assertEquals("{6, 17, 132}", of("port 53", FilterTarget.IPV4_RAW));
        assertEquals("{1, 17}", of("icmp or udp port 53", FilterTarget.IPV4_RAW));
        assertEquals("{47}", of("proto 47", FilterTarget.IPV4_RAW));
        assertEquals("any but 0", of("host 10.0.0.1", FilterTarget.IPV4_RAW));
        assertEquals("any but 1", of("not icmp", FilterTarget.IPV4_RAW));
        assertEquals("{58}", of("icmp6", FilterTarget.IPV6_RAW));
        assertEquals("{6}", of("tcp dst port 80", FilterTarget.IPV6_RAW));
        assertEquals("{6, 17, 132}", of("port 53 or icmp", FilterTarget.IPV6_RAW), "icmp is IPv4 only: false on IPv6");
    }
}
