package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;

/** Native calls that need no privilege, on an ordinary UDP socket. */
class NativeCallsTest {
    /**
     * setsockopt (five primitive arguments, the memory passed as an address) and getsockopt take
     * five arguments: this guards against JNR-FFI's x86-64
     * argument-passing bug (#181) by checking that a value set really comes back.
     */
    @Test
    void fiveArgumentCallsPassEveryArgument() throws Exception {
        int fd = Native.check(Native.LIBC.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_DGRAM, 0), "socket");
        try {
            ByteBuffer value = Native.allocate(4);
            ByteBuffer length = Native.allocate(4);
            value.putInt(0, 1);
            Native.check(Native.LIBC.setsockopt(fd, LinuxConstants.SOL_IP, LinuxConstants.IP_TTL,
                    Native.address(value), 4), "setsockopt");
            value.putInt(0, 77);
            Native.check(Native.LIBC.setsockopt(fd, LinuxConstants.SOL_IP, LinuxConstants.IP_TTL,
                    Native.address(value), 4), "setsockopt");
            value.putInt(0, 0);
            length.putInt(0, 4);
            Native.check(Native.extra().getsockopt(fd, LinuxConstants.SOL_IP, LinuxConstants.IP_TTL,
                    Native.pointer(value), Native.pointer(length)), "getsockopt");
            assertEquals(77, value.getInt(0));
            assertEquals(4, length.getInt(0));
        } finally {
            Native.LIBC.close(fd);
        }
    }

    @Test
    void recvmmsgWithFiveArgumentsReportsItsErrnoFaithfully() {
        // fd -1 must give EBADF (9): a misplaced argument would give EINVAL or EFAULT instead.
        ByteBuffer vec = Native.allocate(Layouts.MMSGHDR_SIZE);
        int rc = Native.extra().recvmmsg(-1, Native.pointer(vec), 1, LinuxConstants.MSG_DONTWAIT, (Pointer) null);
        assertEquals(-1, rc);
        assertEquals(9, Native.errno());
    }

    /**
     * The EINTR rule's two sides, on real calls: an empty non-blocking socket (EAGAIN) is
     * "nothing", while any other failure (EBADF on fd -1) is an exception naming the call and errno.
     */
    @Test
    void aWaitingCallHasNothingOnAnEmptySocketAndFailsOnABadOne() throws Exception {
        ByteBuffer vec = Native.allocate(Layouts.MMSGHDR_SIZE);
        int fd = Native.check(Native.LIBC.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_DGRAM, 0), "socket");
        try {
            assertEquals(Native.NOTHING, Native.waited(Native.extra().recvmmsg(fd, Native.pointer(vec), 1,
                    LinuxConstants.MSG_DONTWAIT, (Pointer) null), "recvmmsg"));
        } finally {
            Native.LIBC.close(fd);
        }
        NativeException e = assertThrows(NativeException.class, () -> Native.waited(Native.extra().recvmmsg(-1,
                Native.pointer(vec), 1, LinuxConstants.MSG_DONTWAIT, (Pointer) null), "recvmmsg"));
        assertEquals("recvmmsg", e.call());
        assertEquals("EBADF", e.errnoName());
    }

    /**
     * mmap takes six arguments, the trap of jnr-ffi #181: the sixth (the offset) must arrive as
     * given. An anonymous mapping at offset 0 works and is writable; the same call at offset 1
     * must fail with EINVAL (not page-aligned), which a lost or misplaced offset would not.
     */
    @Test
    void mmapPassesItsSixthArgument() {
        int prot = LinuxConstants.PROT_READ | LinuxConstants.PROT_WRITE;
        int flags = LinuxConstants.MAP_PRIVATE | LinuxConstants.MAP_ANONYMOUS;
        long address = Native.extra().mmap(null, 8192, prot, flags, -1, 0);
        assertTrue(address != -1 && address != 0, "mmap failed: errno " + Native.errno());
        assertEquals(0, address % 4096, "page-aligned");
        Pointer memory = Pointer.wrap(Native.RUNTIME, address);
        memory.putLong(8184, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, memory.getLong(8184));
        assertEquals(0, Native.extra().munmap(memory, 8192));

        assertEquals(-1, Native.extra().mmap(null, 8192, prot, flags, -1, 1));
        assertEquals(LinuxConstants.EINVAL, Native.errno());
        long again = Native.extra().mmap(null, 4096, prot, flags, -1, 1L << 32);
        assertTrue(again != -1, "a page-aligned offset above 4 GiB: errno " + Native.errno());
        assertEquals(0, Native.extra().munmap(Pointer.wrap(Native.RUNTIME, again), 4096));
    }

    @Test
    void failedCallNamesTheCallTheErrnoAndAHint() {
        NativeException e = assertThrows(NativeException.class, () -> Interfaces.indexOf("nosuchif0"));
        assertEquals("ENODEV", e.errnoName());
        assertTrue(e.getMessage().contains("if_nametoindex(nosuchif0)"), e.getMessage());
        assertTrue(e.getMessage().contains("no such interface: nosuchif0"), e.getMessage());
    }

    @Test
    void loopbackHasAnIndexAndAName() throws Exception {
        int index = Interfaces.indexOf("lo");
        assertTrue(index > 0);
        assertEquals("lo", Interfaces.nameOf(index));
        assertNotNull(NativeException.errnoName(LinuxConstants.EPERM));
        assertEquals("EPERM", NativeException.errnoName(LinuxConstants.EPERM));
    }

    @Test
    void permissionErrorsAreRecognisedAndExplained() {
        NativeException e = NativeException.withHint("socket(inet, raw, 1)", LinuxConstants.EPERM, null);
        assertTrue(e.isPermissionDenied());
        assertTrue(e.getMessage().contains("CAP_NET_RAW"), e.getMessage());
    }
}
