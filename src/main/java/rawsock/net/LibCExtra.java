package rawsock.net;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;

/**
 * The rest of the libc functions rawsock binds (receiving, batches, interfaces, clocks,
 * privileges, messages), loaded the first time one is needed so a one-shot send does not pay for
 * them. The same rules as {@link LibC}.
 */
public interface LibCExtra {
    int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen);

    int bind(int fd, Pointer addr, int addrlen);

    int connect(int fd, Pointer addr, int addrlen);

    long recvmsg(int fd, Pointer msg, int flags);

    int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);

    int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    int poll(Pointer fds, long nfds, int timeout);

    int ioctl(int fd, long request, Pointer arg);

    int if_nametoindex(String name);

    Pointer if_indextoname(int ifindex, Pointer buf);

    /** The calling thread's id (glibc 2.30+), for setpriority on one thread. */
    int gettid();

    int setpriority(int which, int who, int prio);

    /** The nice value; -1 is a valid one, so a failure shows only in errno. */
    int getpriority(int which, int who);

    /**
     * Six parameters: {@code addr} is a Pointer (null for "kernel's choice") so the call goes
     * through jffi's own invoker, which passes the sixth argument (the offset) correctly. Returns
     * the address, or -1 (MAP_FAILED).
     */
    long mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);

    int clock_gettime(int clock, Pointer timespec);

    Pointer getpwnam(String name);

    int setgroups(long size, Pointer list);

    int setgid(int gid);

    int setuid(int uid);

    @IgnoreError
    String strerror(int errnum);
}
