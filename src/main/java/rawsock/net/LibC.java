package rawsock.net;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;

/**
 * The libc functions rawsock binds, and only those (each bound method costs start-up time).
 * Must be public: JNR-FFI generates the implementation in its own class loader.
 *
 * <p>Every function of five or more parameters takes a Pointer: JNR-FFI's generated x86-64
 * stubs misplace the sixth primitive argument (jnr-ffi #181); a Pointer parameter routes the call
 * through jffi's own invoker, which is correct.
 */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    int getsockopt(int fd, int level, int optname, Pointer optval, Pointer optlen);

    int bind(int fd, Pointer addr, int addrlen);

    long sendmsg(int fd, Pointer msg, int flags);

    long recvmsg(int fd, Pointer msg, int flags);

    int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);

    int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

    int poll(Pointer fds, long nfds, int timeout);

    int ioctl(int fd, long request, Pointer arg);

    int close(int fd);

    int clock_gettime(int clock, Pointer timespec);

    Pointer getpwnam(String name);

    int setgroups(long size, Pointer list);

    int setgid(int gid);

    int setuid(int uid);

    @IgnoreError
    int isatty(int fd);

    int if_nametoindex(String name);

    Pointer if_indextoname(int ifindex, Pointer buf);

    @IgnoreError
    String strerror(int errnum);
}
