package rawsock.net;

import jnr.ffi.Pointer;

/**
 * The libc functions a one-shot send needs, and only those: JNR-FFI generates code for every
 * bound function when the library loads, so each one costs start-up time. Everything else is in
 * {@link LibCExtra}, loaded on first use. Must be public: JNR-FFI generates the implementation in
 * its own class loader.
 *
 * <p>Every function of five or more parameters takes a Pointer: JNR-FFI's generated x86-64
 * stubs misplace the sixth primitive argument (jnr-ffi #181); a Pointer parameter routes the call
 * through jffi's own invoker, which is correct.
 */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    long sendmsg(int fd, Pointer msg, int flags);

    int close(int fd);

    int isatty(int fd);
}
