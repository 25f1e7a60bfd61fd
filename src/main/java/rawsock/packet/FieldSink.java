package rawsock.packet;

/** Receives a layer's fields by name; the JSON writer is one implementation, tests another. */
public interface FieldSink {
    void number(String name, long value);

    void text(String name, String value);

    void flag(String name, boolean value);
}
