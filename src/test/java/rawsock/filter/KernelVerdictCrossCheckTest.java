package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.Out;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link BpfInterpreter} against the running kernel's own classic-BPF engine, verdict by verdict,
 * on the expressions and packets {@link FilterPropertiesTest} generates (random, seeded by jqwik,
 * bounded in size): each program is attached (SO_ATTACH_FILTER) to one end of an AF_UNIX datagram
 * socket pair, each packet's bytes are sent from the other end, and what arrives says what the
 * kernel decided: nothing (dropped), or the first N bytes (the program's return value cut to the
 * message). Nothing touches the network and no privilege is needed.
 *
 * <p>A unix datagram has no link or network header of its own: the kernel starts the network
 * header at the first byte, sets no link-layer header and no protocol, and nothing is ever in VLAN
 * metadata. The interpreter is shown the same ({@code new Skb(bytes, 0, 0, -1, false, 0, 0)}), so
 * this checks how every instruction the compiler emits executes, SKF_NET_OFF loads included; how
 * the interpreter is shown real packets of each socket kind is checked with real packets by
 * BacklogTest.
 */
class KernelVerdictCrossCheckTest {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26; // asm-generic/socket.h (x86, arm64)
    private static final int MSG_DONTWAIT = 0x40;

    public interface LibC {
        int socketpair(int domain, int type, int protocol, @Out int[] fds);

        int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

        long send(int fd, byte[] buf, long len, int flags);

        long recv(int fd, @Out byte[] buf, long len, int flags);

        int close(int fd);
    }

    private static LibC libc;
    private static Runtime runtime;
    private static final int[] PAIR = {-1, -1};
    private final FilterPropertiesTest generators = new FilterPropertiesTest();

    @BeforeContainer
    static void open() {
        libc = LibraryLoader.create(LibC.class).load("c");
        runtime = Runtime.getRuntime(libc);
        if (libc.socketpair(AF_UNIX, SOCK_DGRAM, 0, PAIR) != 0) {
            throw new IllegalStateException("socketpair failed, errno " + runtime.getLastError());
        }
    }

    @AfterContainer
    static void close() {
        for (int fd : PAIR) {
            if (fd >= 0) {
                libc.close(fd);
            }
        }
    }

    @Provide
    Arbitrary<FilterPropertiesTest.Case> cases() {
        return generators.cases();
    }

    @Property(tries = 1500)
    void theInterpreterDecidesAsTheKernelDoes(@ForAll("cases") FilterPropertiesTest.Case c) {
        BpfProgram program;
        try {
            program = FilterCompiler.compile(c.expr().render(), c.target());
        } catch (FilterSyntaxException e) {
            Statistics.label("outcome").collect("refused by the compiler");
            return;
        }
        attach(program);
        int accepted = 0;
        List<FilterPropertiesTest.Pkt> packets = c.packets();
        for (FilterPropertiesTest.Pkt p : packets) {
            byte[] bytes = p.skb().buf();
            int kernel = kernelVerdict(bytes);
            long verdict = Integer.toUnsignedLong(BpfInterpreter.run(program, new BpfInterpreter.Skb(bytes, 0, 0, -1,
                    false, 0, 0)));
            int ours = (int) Math.min(verdict, bytes.length);
            assertEquals(kernel, ours, () -> c.target() + " '" + c.expr().render() + "' on " + p + "\n"
                    + program.toAssembly());
            accepted += ours > 0 ? 1 : 0;
        }
        Statistics.label("outcome").collect(accepted == 0 ? "all dropped" : accepted == packets.size() ? "all kept"
                : "some kept");
    }

    private static void attach(BpfProgram p) {
        byte[] insns = p.toByteArray(ByteOrder.nativeOrder());
        int ptr = runtime.addressSize();
        Pointer filter = Memory.allocateDirect(runtime, insns.length);
        filter.put(0, insns, 0, insns.length);
        Pointer fprog = Memory.allocateDirect(runtime, 2 * ptr);
        fprog.putShort(0, (short) p.size());
        fprog.putAddress(ptr, filter.address());
        int rc = libc.setsockopt(PAIR[1], SOL_SOCKET, SO_ATTACH_FILTER, fprog, 2 * ptr);
        assertEquals(0, rc, () -> "the kernel refused the program (errno " + runtime.getLastError() + ")\n"
                + p.toAssembly());
    }

    /** Sends {@code bytes} through the pair; returns how many arrived (0: the filter dropped it). */
    private static int kernelVerdict(byte[] bytes) {
        long sent = libc.send(PAIR[0], bytes, bytes.length, 0);
        assertEquals(bytes.length, sent, () -> "send failed, errno " + runtime.getLastError());
        byte[] in = new byte[bytes.length + 1];
        long got = libc.recv(PAIR[1], in, in.length, MSG_DONTWAIT);
        // A unix datagram is queued during send(): nothing there now means the filter dropped it.
        return got < 0 ? 0 : (int) got;
    }
}
