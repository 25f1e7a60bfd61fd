package rawsock.net;

/**
 * The libc functions a one-shot send needs, and only those: JNR-FFI generates code for every
 * bound function when the library loads, so each one costs start-up time. Everything else is in
 * {@link LibCExtra}, loaded on first use. Must be public: JNR-FFI generates the implementation in
 * its own class loader.
 *
 * <p>Memory is passed as the address of direct memory (a {@code long}), not as a Pointer: to bind
 * a Pointer parameter JNR-FFI looks through every method of the Pointer class for a callback
 * annotation, which makes the JDK parse the annotations of Object's own methods and generate
 * annotation proxy classes at run time (about 50 ms of a one-shot send on JDK 17, 20 ms on 25,
 * and never held by the class cache). The caller keeps the memory reachable during the call.
 * JNR-FFI's generated x86-64 stubs misplace a sixth primitive argument (jnr-ffi #181): no
 * function here has six parameters, and LibCExtra's that have five or more take a Pointer, which
 * routes the call through jffi's own invoker.
 */
public interface LibC {
    int socket(int domain, int type, int protocol);

    int setsockopt(int fd, int level, int optname, long optval, int optlen);

    long sendmsg(int fd, long msg, int flags);

    int close(int fd);

    int isatty(int fd);
}
