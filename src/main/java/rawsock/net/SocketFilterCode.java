package rawsock.net;

/**
 * A classic BPF program as the kernel wants it (an array of struct sock_filter). An interface so
 * that the filter compiler, which knows nothing of native memory, can be attached as it is.
 */
public interface SocketFilterCode {
    int size();

    short code(int index);

    byte jt(int index);

    byte jf(int index);

    int k(int index);
}
