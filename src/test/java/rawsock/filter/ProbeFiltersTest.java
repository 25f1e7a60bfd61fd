package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The probe-reply filters, run in the test's BPF interpreter on crafted ICMP and ICMPv6 packets. */
class ProbeFiltersTest {
    /** An IPv4 packet (IHL {@code ihl}) carrying an ICMP header of {@code type} with {@code id}. */
    private static byte[] icmp4(int ihl, int type, int id) {
        byte[] packet = new byte[ihl * 4 + 8];
        packet[0] = (byte) (0x40 | ihl);
        packet[9] = 1;
        int at = ihl * 4;
        packet[at] = (byte) type;
        packet[at + 4] = (byte) (id >> 8);
        packet[at + 5] = (byte) id;
        return packet;
    }

    /** An IPv6 packet carrying ICMPv6; the raw socket's data starts at the ICMPv6 header. */
    private static byte[] icmp6(int type, int id) {
        byte[] packet = new byte[48];
        packet[0] = 0x60;
        packet[6] = 58;
        packet[40] = (byte) type;
        packet[44] = (byte) (id >> 8);
        packet[45] = (byte) id;
        return packet;
    }

    private static boolean accepts4(BpfProgram program, byte[] packet) {
        return BpfInterpreter.run(program, BpfInterpreter.Skb.ipv4Raw(packet)) != 0;
    }

    private static boolean accepts6(BpfProgram program, byte[] packet) {
        return BpfInterpreter.run(program, BpfInterpreter.Skb.ipv6Raw(packet, 40)) != 0;
    }

    @Test
    void ipv4KeepsOurEchoRepliesAndErrorsOnly() {
        BpfProgram program = ProbeFilters.icmpReplies(false, 0, 0x1234);
        assertEquals(true, accepts4(program, icmp4(5, 0, 0x1234)));
        assertEquals(true, accepts4(program, icmp4(6, 0, 0x1234)), "the IHL is read, options or not");
        assertEquals(false, accepts4(program, icmp4(5, 0, 0x1235)), "someone else's ping");
        assertEquals(false, accepts4(program, icmp4(5, 8, 0x1234)), "our own request on lo");
        for (int error : new int[] {3, 4, 5, 11, 12}) {
            assertEquals(true, accepts4(program, icmp4(5, error, 0)), "error type " + error);
        }
        assertEquals(false, accepts4(program, icmp4(5, 13, 0x1234)));
    }

    @Test
    void ipv6KeepsOurEchoRepliesAndErrorsOnly() {
        BpfProgram program = ProbeFilters.icmpReplies(true, 129, 0x4321);
        assertEquals(true, accepts6(program, icmp6(129, 0x4321)));
        assertEquals(false, accepts6(program, icmp6(129, 0x4322)));
        assertEquals(false, accepts6(program, icmp6(128, 0x4321)));
        assertEquals(false, accepts6(program, icmp6(135, 0)), "neighbour solicitations are not ours");
        for (int error : new int[] {1, 2, 3, 4}) {
            assertEquals(true, accepts6(program, icmp6(error, 0)), "error type " + error);
        }
    }

    @Test
    void requestsThatDrawNoReplyStillSeeErrors() {
        BpfProgram program = ProbeFilters.icmpReplies(false, -1, 7);
        assertEquals(false, accepts4(program, icmp4(5, 0, 7)));
        assertEquals(true, accepts4(program, icmp4(5, 3, 7)));
        assertNotEquals(0, program.size());
        KernelRules.check(program);
    }
}
