package rawsock.output;

import rawsock.packet.FieldSink;
import rawsock.packet.Layer;

/** A Layer with canned answers, standing in for the real decoders. */
final class FakeLayer implements Layer {
    private final String name;
    private final String description;
    private boolean truncated;
    private boolean failDescribe;
    private boolean failFields;
    private boolean failName;
    private final Object[] fields;

    /** fields: name, value pairs; values Long/Integer (number), String (text), Boolean (flag). */
    FakeLayer(String name, String description, Object... fields) {
        this.name = name;
        this.description = description;
        this.fields = fields;
    }

    FakeLayer markTruncated() {
        truncated = true;
        return this;
    }

    FakeLayer failDescribe() {
        failDescribe = true;
        return this;
    }

    FakeLayer failFields() {
        failFields = true;
        return this;
    }

    FakeLayer failName() {
        failName = true;
        return this;
    }

    @Override
    public String name() {
        if (failName) {
            throw new IllegalStateException("boom in name");
        }
        return name;
    }

    @Override
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void fields(FieldSink out) {
        for (int i = 0; i + 1 < fields.length; i += 2) {
            String key = (String) fields[i];
            Object value = fields[i + 1];
            if (value instanceof Boolean) {
                out.flag(key, (Boolean) value);
            } else if (value instanceof Number) {
                out.number(key, ((Number) value).longValue());
            } else {
                out.text(key, (String) value);
            }
            if (failFields && i == 0) {
                throw new ArrayIndexOutOfBoundsException("boom in fields");
            }
        }
        if (failFields) {
            throw new ArrayIndexOutOfBoundsException("boom in fields");
        }
    }

    @Override
    public void describe(StringBuilder text) {
        text.append(description);
        if (failDescribe) {
            throw new IndexOutOfBoundsException("boom in describe");
        }
    }
}
