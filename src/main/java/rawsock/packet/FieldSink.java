package rawsock.packet;

import java.nio.ByteBuffer;

/** Receives a layer's fields by name; the JSON writer is one implementation, tests another. */
public interface FieldSink {
    void number(String name, long value);

    void text(String name, String value);

    /**
     * An address of {@code length} bytes (4 IPv4, 16 IPv6, 6 MAC) at absolute {@code index}: as
     * text unless the sink can write it straight from the bytes (the JSON writer does, to make
     * no String per packet).
     */
    default void address(String name, ByteBuffer buf, int index, int length) {
        StringBuilder text = new StringBuilder(39);
        AddressFormat.append(text, buf, index, length);
        text(name, text.toString());
    }

    void flag(String name, boolean value);
}
