package rawsock.packet;

import java.nio.ByteBuffer;

/** Receives a layer's fields by name; the JSON writer is one implementation, tests another. */
public interface FieldSink {
    void number(String name, long value);

    void text(String name, String value);

    /**
     * Text the layer built in a buffer it reuses: valid until the layer views the next packet, so
     * a sink that keeps it must copy it (the default makes a String; the JSON writer copies the
     * characters into a buffer of its own, to make no String per packet).
     */
    default void chars(String name, CharSequence value) {
        text(name, value.toString());
    }

    /**
     * An address of {@code length} bytes (4 IPv4, 16 IPv6, 6 MAC) at absolute {@code index}: as
     * text unless the sink can write it straight from the bytes (the JSON writer does, to make
     * no String per packet).
     */
    default void address(String name, ByteBuffer buf, int index, int length) {
        text(name, AddressFormat.text(buf, index, length));
    }

    void flag(String name, boolean value);
}
