package rawsock.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The running kernel's own verdict on our programs: each is attached with
 * setsockopt(SO_ATTACH_FILTER) to an unbound, unprivileged UDP socket. That needs no privilege
 * and sends nothing; the kernel runs bpf_check_classic and the cBPF-to-eBPF conversion and refuses
 * (EINVAL) anything it would not run. Two deliberately broken programs show the check is live.
 *
 * <p>Test-only use of JNR-FFI (the production code's native calls live in rawsock.net).
 */
class KernelAcceptsProgramsTest {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26; // asm-generic/socket.h (x86, arm64)
    private static final int EINVAL = 22;

    public interface LibC {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

        int close(int fd);
    }

    private static LibC libc;
    private static Runtime runtime;
    private static int fd = -1;
    private static String skipReason;

    @BeforeAll
    static void open() {
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64")
                || arch.equals("aarch64"))) {
            skipReason = "needs Linux on x86-64 or arm64 (SO_ATTACH_FILTER = 26), not " + arch;
            return;
        }
        try {
            libc = LibraryLoader.create(LibC.class).load("c");
            runtime = Runtime.getRuntime(libc);
            fd = libc.socket(AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) {
                skipReason = "socket(AF_INET, SOCK_DGRAM) failed, errno " + runtime.getLastError();
            }
        } catch (LinkageError | RuntimeException e) {
            skipReason = "cannot reach libc through JNR-FFI: " + e;
        }
        if (skipReason != null) {
            System.err.println("SKIPPED KernelAcceptsProgramsTest: " + skipReason);
        }
    }

    @AfterAll
    static void close() {
        if (fd >= 0) {
            libc.close(fd);
        }
    }

    /** setsockopt(SO_ATTACH_FILTER) with these struct sock_filter bytes; returns 0 or errno. */
    private static int attach(byte[] insns, int count) {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
        int ptr = runtime.addressSize();
        Pointer filter = Memory.allocateDirect(runtime, insns.length);
        filter.put(0, insns, 0, insns.length);
        Pointer fprog = Memory.allocateDirect(runtime, 2 * ptr); // struct sock_fprog {u16 len; filter*}
        fprog.putShort(0, (short) count);
        fprog.putAddress(ptr, filter.address());
        int rc = libc.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 2 * ptr);
        return rc == 0 ? 0 : runtime.getLastError();
    }

    private static int attach(BpfProgram p) {
        return attach(p.toByteArray(ByteOrder.nativeOrder()), p.size());
    }

    static List<String[]> programs() {
        List<String[]> out = new ArrayList<>();
        for (String[] row : FilterVerdictTest.TABLE) {
            for (FilterTarget t : FilterTarget.values()) {
                out.add(new String[] {t.name(), row[0]});
            }
        }
        // Long enough for ja trampolines (jumps past 255), short enough for the kernel's charge:
        // the program converted to eBPF must fit in net.core.optmem_max (20 KiB before Linux 6.9),
        // else setsockopt fails with ENOMEM.
        StringJoiner hosts = new StringJoiner(" or ");
        for (int i = 1; i <= 40; i++) {
            hosts.add("host 10.0.0." + i);
        }
        out.add(new String[] {"ETHERNET", hosts.toString()});
        out.add(new String[] {"ETHERNET", "vlan 10 and vlan 20 and (tcp port 80 or udp portrange 1-1024)"});
        out.add(new String[] {"IPV6_RAW", "(udp or tcp) and not port 22 and net 2001:db8::/32"});
        return out;
    }

    @TestFactory
    Stream<DynamicTest> kernelLoadsEveryProgram() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] c : programs()) {
            FilterTarget t = FilterTarget.valueOf(c[0]);
            tests.add(DynamicTest.dynamicTest(t + " '" + abbreviate(c[1]) + "'", () -> {
                BpfProgram p;
                try {
                    p = FilterCompiler.compile(c[1], t);
                } catch (FilterSyntaxException e) {
                    return; // refused by us: nothing to attach
                }
                assertEquals(0, attach(p), () -> "kernel refused:\n" + p.toAssembly());
            }));
        }
        return tests.stream();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Test
    void kernelRefusesABrokenJump() {
        // jeq #0 jt 5 jf 0; ret #0  -- the true branch leaves the program
        byte[] b = sockFilter(new int[][] {{Bpf.JMP | Bpf.JEQ | Bpf.K, 5, 0, 0}, {Bpf.RET | Bpf.K, 0, 0, 0}});
        assertEquals(EINVAL, attach(b, 2));
    }

    @Test
    void kernelRefusesScratchReadBeforeStore() {
        // ld M[3]; ret a
        byte[] b = sockFilter(new int[][] {{Bpf.LD | Bpf.MEM, 0, 0, 3}, {Bpf.RET | Bpf.RET_A, 0, 0, 0}});
        assertEquals(EINVAL, attach(b, 2));
        // ...and accepts it once a store precedes it: ld #1; st M[3]; ld M[3]; ret a
        byte[] ok = sockFilter(new int[][] {{Bpf.LD | Bpf.IMM, 0, 0, 1}, {Bpf.ST, 0, 0, 3},
            {Bpf.LD | Bpf.MEM, 0, 0, 3}, {Bpf.RET | Bpf.RET_A, 0, 0, 0}});
        assertEquals(0, attach(ok, 4));
        assertTrue(true);
    }

    private static byte[] sockFilter(int[][] insns) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(insns.length * 8).order(ByteOrder.nativeOrder());
        for (int[] i : insns) {
            buf.putShort((short) i[0]).put((byte) i[1]).put((byte) i[2]).putInt(i[3]);
        }
        return buf.array();
    }
}
