package rawsock.text;

import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;

/**
 * The C library's inet_pton, the reference the address parsers are held to: what every C tool
 * (ping, ip, tcpdump's own address parsing of IPv6) accepts as a literal, written independently
 * of rawsock.
 */
final class InetPton {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** The one function bound: inet_pton(3). */
    public interface LibC {
        int inet_pton(int family, byte[] text, @Out byte[] address);
    }

    private static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load("c");

    private InetPton() {
    }

    /** The address bytes, or null when inet_pton refuses the text (its UTF-8, NUL-terminated). */
    static byte[] parse(int family, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("C would see only the text before the NUL");
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] c = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        byte[] address = new byte[family == AF_INET ? 4 : 16];
        return LIBC.inet_pton(family, c, address) == 1 ? address : null;
    }
}
