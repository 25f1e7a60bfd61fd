package rawsock.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rawsock.output.JsonLines;

/**
 * Prints a trace one complete hop at a time, in hop order: as traceroute -n does (" 2  addr  0.061 ms
 * 0.048 ms *", a second address where another router answered, "!H"-style marks), or as JSON:
 * an object per probe, then one for the hop (keys in JsonSchema).
 */
final class TracePrinter {
    private final OutputStream out;
    private final JsonGenerator json;

    TracePrinter(OutputStream out, boolean asJson) throws IOException {
        this.out = out;
        if (asJson) {
            json = JsonLines.over(out);
        } else {
            json = null;
        }
    }

    /** Prints hop {@code hop} (1-based) from the probes' answers. */
    void hop(TraceHops hops, int hop) throws IOException {
        int first = (hop - 1) * hops.perHop();
        if (json != null) {
            hopJson(hops, hop, first);
        } else {
            out.write(line(hops, hop, first).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** traceroute's line: the hop, each new address as it appears, each probe's time and mark, "*" for silence. */
    static String line(TraceHops hops, int hop, int first) {
        StringBuilder line = new StringBuilder(80).append(String.format(Locale.ROOT, "%2d ", hop));
        String previous = null;
        for (int n = first; n < first + hops.perHop(); n++) {
            TraceAnswer answer = hops.answerOf(n);
            if (answer == null) {
                line.append(" *");
                continue;
            }
            if (!answer.from.equals(previous)) {
                line.append(' ').append(answer.from);
                previous = answer.from;
            }
            line.append(String.format(Locale.ROOT, "  %.3f ms", answer.rttMillis));
            if (answer.mark != null) {
                line.append(' ').append(answer.mark);
            }
        }
        return line.append('\n').toString();
    }

    private void hopJson(TraceHops hops, int hop, int first) throws IOException {
        List<String> addresses = new ArrayList<>();
        int answered = 0;
        for (int n = first; n < first + hops.perHop(); n++) {
            TraceAnswer answer = hops.answerOf(n);
            json.writeStartObject();
            json.writeNumberField("hop", hop);
            json.writeNumberField("probe", n - first + 1);
            if (answer != null) {
                answered++;
                if (!addresses.contains(answer.from)) {
                    addresses.add(answer.from);
                }
                json.writeStringField("from", answer.from);
                json.writeNumberField("rtt_ms", Math.round(answer.rttMillis * 1000) / 1000.0);
                json.writeNumberField("ttl", answer.ttl);
                json.writeStringField("type", answer.kind);
                if (answer.mark != null) {
                    json.writeStringField("mark", answer.mark);
                }
            }
            json.writeBooleanField("silent", answer == null);
            json.writeBooleanField("reached", answer != null && answer.reached);
            json.writeEndObject();
            json.flush();
            out.write('\n');
        }
        json.writeStartObject();
        json.writeNumberField("hop", hop);
        json.writeArrayFieldStart("addresses");
        for (String address : addresses) {
            json.writeString(address);
        }
        json.writeEndArray();
        json.writeNumberField("sent", hops.perHop());
        json.writeNumberField("answered", answered);
        json.writeBooleanField("reached", hops.reached(hop));
        json.writeBooleanField("last", hops.last(hop));
        json.writeEndObject();
        json.flush();
        out.write('\n');
    }
}
