package rawsock.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON generator for one object per line (the caller writes each newline): closing it leaves
 * the stream open, and it puts nothing between top-level values. For the replies, traces and
 * listings written on stdout beside the packet writers.
 */
public final class JsonLines {
    private JsonLines() {
    }

    public static JsonGenerator over(OutputStream out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.setRootValueSeparator(null);
        return json;
    }
}
