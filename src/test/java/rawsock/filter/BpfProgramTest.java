package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BpfProgramTest {

    @Test
    void toStringIsTcpdumpDdStyle() throws FilterSyntaxException {
        assertEquals("{ 0x6, 0, 0, 0xffffffff },\n", BpfProgram.acceptAll().toString());
        BpfProgram p = FilterCompiler.compile("udp port 53", FilterTarget.IPV4_RAW);
        String[] lines = p.toString().split("\n");
        assertEquals(p.size(), lines.length);
        Pattern line = Pattern.compile("\\{ 0x([0-9a-f]+), (\\d+), (\\d+), 0x([0-9a-f]{8}) \\},");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = line.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            assertEquals(Short.toUnsignedInt(p.code(i)), Integer.parseInt(m.group(1), 16));
            assertEquals(Byte.toUnsignedInt(p.jt(i)), Integer.parseInt(m.group(2)));
            assertEquals(Byte.toUnsignedInt(p.jf(i)), Integer.parseInt(m.group(3)));
            assertEquals(p.k(i), (int) Long.parseLong(m.group(4), 16));
        }
        // the first instruction of an IPV4_RAW program checks the version nibble: ldb [0]
        assertEquals("{ 0x30, 0, 0, 0x00000000 },", lines[0]);
        assertTrue(p.toAssembly().startsWith("(000) ldb      [0]\n"), p.toAssembly());
    }

    @Test
    void byteArrayIsStructSockFilter() throws FilterSyntaxException {
        BpfProgram p = FilterCompiler.compile("icmp", FilterTarget.IPV4_RAW);
        byte[] le = p.toByteArray(ByteOrder.LITTLE_ENDIAN);
        assertEquals(p.size() * 8, le.length);
        // ldb [0] = code 0x30, jt 0, jf 0, k 0
        assertArrayEquals(new byte[] {0x30, 0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(le, 8));
        // and #0xf0
        assertArrayEquals(new byte[] {0x54, 0, 0, 0, (byte) 0xf0, 0, 0, 0}, java.util.Arrays.copyOfRange(le, 8, 16));
        byte[] be = p.toByteArray(ByteOrder.BIG_ENDIAN);
        assertArrayEquals(new byte[] {0, 0x54, 0, 0, 0, 0, 0, (byte) 0xf0}, java.util.Arrays.copyOfRange(be, 8, 16));
    }

    @Test
    void constructorEnforcesTheKernelShape() {
        short ret = (short) (Bpf.RET | Bpf.K);
        short ja = (short) (Bpf.JMP | Bpf.JA);
        short jeq = (short) (Bpf.JMP | Bpf.JEQ | Bpf.K);
        assertThrows(IllegalArgumentException.class, () -> new BpfProgram(new short[0], new byte[0], new byte[0], new int[0]));
        int big = BpfProgram.MAX_INSTRUCTIONS + 1;
        short[] many = new short[big];
        java.util.Arrays.fill(many, ret);
        assertThrows(IllegalArgumentException.class, () -> new BpfProgram(many, new byte[big], new byte[big], new int[big]));
        // jump past the end
        assertThrows(IllegalArgumentException.class,
                () -> new BpfProgram(new short[] {ja, ret}, new byte[2], new byte[2], new int[] {1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new BpfProgram(new short[] {jeq, ret}, new byte[] {1, 0}, new byte[2], new int[2]));
        // "backward" is impossible: offsets are unsigned, so -1 means 255 forward
        assertThrows(IllegalArgumentException.class,
                () -> new BpfProgram(new short[] {jeq, ret}, new byte[] {0, 0}, new byte[] {-1, 0}, new int[2]));
        // last instruction must be ret
        assertThrows(IllegalArgumentException.class,
                () -> new BpfProgram(new short[] {ret, (short) (Bpf.LD | Bpf.IMM)}, new byte[2], new byte[2], new int[2]));
        assertThrows(IllegalArgumentException.class,
                () -> new BpfProgram(new short[] {ret}, new byte[2], new byte[1], new int[1]));
    }

    @Test
    void programsAreImmutableValues() throws FilterSyntaxException {
        short[] code = {(short) (Bpf.RET | Bpf.K)};
        int[] k = {7};
        BpfProgram p = new BpfProgram(code, new byte[1], new byte[1], k);
        code[0] = 0;
        k[0] = 9;
        assertEquals((short) (Bpf.RET | Bpf.K), p.code(0));
        assertEquals(7, p.k(0));
        assertEquals(FilterCompiler.compile("tcp", FilterTarget.ETHERNET), FilterCompiler.compile("tcp", FilterTarget.ETHERNET));
        assertEquals(FilterCompiler.compile("tcp", FilterTarget.ETHERNET).hashCode(),
                FilterCompiler.compile("tcp", FilterTarget.ETHERNET).hashCode());
        assertNotEquals(FilterCompiler.compile("tcp", FilterTarget.ETHERNET), FilterCompiler.compile("udp", FilterTarget.ETHERNET));
    }

    @Test
    void acceptAndRejectValues() {
        assertEquals(0xFFFFFFFF, BpfProgram.ACCEPT);
        assertEquals(0, BpfProgram.REJECT);
        assertEquals(0, BpfProgram.rejectAll().k(0));
    }
}
