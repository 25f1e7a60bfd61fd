package rawsock.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import rawsock.output.JsonLines;
import rawsock.packet.Icmp;

/**
 * Prints matched replies on stdout (a ping-like line, or one JSON object each) and the summary:
 * on stderr as text, or as a final JSON object on stdout.
 */
final class ReplyPrinter {
    private final OutputStream out;
    private final PrintWriter err;
    private final JsonGenerator json;
    private final String destination;
    /** -q: no statistics on stderr (as for every other summary). */
    private final boolean quiet;
    /** Several targets: each JSON reply names the one its probe went to. */
    private final boolean namesTarget;

    ReplyPrinter(OutputStream out, PrintWriter err, boolean asJson, boolean quiet, String destination)
            throws IOException {
        this(out, err, asJson, quiet, destination, false);
    }

    ReplyPrinter(OutputStream out, PrintWriter err, boolean asJson, boolean quiet, String destination,
            boolean namesTarget) throws IOException {
        this.out = out;
        this.namesTarget = namesTarget;
        this.err = err;
        this.quiet = quiet;
        this.destination = destination;
        if (asJson) {
            json = JsonLines.over(out);
        } else {
            json = null;
        }
    }

    void reply(Reply reply) throws IOException {
        if (reply.mac != null) {
            arpReply(reply);
        } else if (json != null) {
            json.writeStartObject();
            if (namesTarget) {
                json.writeStringField("dst", reply.target);
            }
            json.writeNumberField(reply.keyName, reply.key);
            if (reply.dport >= 0) {
                json.writeNumberField("dport", reply.dport);
            }
            json.writeNumberField("probe", reply.index + 1);
            json.writeStringField("from", reply.from);
            json.writeNumberField("rtt_ms", round(reply.rttMillis));
            json.writeNumberField("ttl", reply.ttl);
            json.writeStringField("type", reply.kind);
            if (reply.state != null) {
                json.writeStringField("state", reply.state);
            }
            if (reply.flags != null) {
                json.writeStringField("flags", reply.flags);
            }
            json.writeBooleanField("error", reply.error);
            json.writeBooleanField("dup", reply.duplicate);
            json.writeBooleanField("late", reply.late);
            json.writeBooleanField("out_of_order", reply.outOfOrder);
            if (reply.originate >= 0) {
                json.writeNumberField("originate", reply.originate);
                json.writeNumberField("receive", reply.receive);
                json.writeNumberField("transmit", reply.transmit);
            }
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } else {
            StringBuilder line = new StringBuilder(96);
            if (reply.dport >= 0) {
                // The port probed, as nmap and nping name it: 127.0.0.1:8080 syn-ack (open) sport=...;
                // an error from a router on the way says who sent it.
                String target = reply.target;
                line.append(target.indexOf(':') >= 0 ? "[" + target + "]" : target).append(':')
                        .append(reply.dport);
                if (!target.equals(reply.from)) {
                    line.append(" from ").append(reply.from);
                }
                line.append(' ').append(reply.kind);
                if (reply.state != null) {
                    line.append(" (").append(reply.state).append(')');
                }
                line.append(' ').append(reply.keyName).append('=').append(reply.key);
            } else {
                line.append(reply.from).append(": ").append(reply.keyName).append('=').append(reply.key)
                        .append(' ').append(reply.kind);
            }
            if (reply.flags != null) {
                line.append(" flags=").append(reply.flags);
            }
            line.append(" ttl=").append(reply.ttl).append(" time=")
                    .append(String.format(Locale.ROOT, "%.3f", reply.rttMillis)).append(" ms");
            if (reply.originate >= 0) {
                // the remote host's clock, as tcpdump -v shows it (hping3 --icmp-ts prints the same three)
                Icmp.appendTimeOfDay(line.append(" org="), reply.originate);
                Icmp.appendTimeOfDay(line.append(" recv="), reply.receive);
                Icmp.appendTimeOfDay(line.append(" xmit="), reply.transmit);
            }
            if (reply.duplicate) {
                line.append(" (DUP!)");
            }
            if (reply.late) {
                line.append(" (late)");
            }
            if (reply.outOfOrder) {
                line.append(" (out of order)");
            }
            out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** arping's line ("Unicast reply from 169.254.99.2 [02:00:00:00:99:02]  0.061ms"), or its JSON object. */
    private void arpReply(Reply reply) throws IOException {
        if (json != null) {
            json.writeStartObject();
            json.writeNumberField("probe", reply.index + 1);
            json.writeStringField("from", reply.from);
            json.writeStringField("mac", reply.mac);
            json.writeNumberField("rtt_ms", round(reply.rttMillis));
            json.writeStringField("type", "arp-reply");
            json.writeBooleanField("unicast", reply.kind.equals("unicast"));
            json.writeBooleanField("dup", reply.duplicate);
            json.writeBooleanField("late", reply.late);
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } else {
            StringBuilder line = new StringBuilder(80).append(Character.toUpperCase(reply.kind.charAt(0)))
                    .append(reply.kind, 1, reply.kind.length()).append(" reply from ").append(reply.from).append(" [")
                    .append(reply.mac).append("]  ").append(String.format(Locale.ROOT, "%.3fms", reply.rttMillis));
            if (reply.duplicate) {
                line.append(" (DUP!)");
            }
            if (reply.late) {
                line.append(" (late)");
            }
            out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    void summary(ProbeTable table, long elapsedMillis) throws IOException {
        if (json != null) {
            json.writeStartObject();
            json.writeObjectFieldStart("summary");
            json.writeStringField("dst", destination);
            json.writeNumberField("transmitted", table.transmitted());
            json.writeNumberField("received", table.received());
            json.writeNumberField("errors", table.errors());
            json.writeNumberField("loss_pct", round(table.lossPercent()));
            json.writeNumberField("min_ms", round(table.minMillis()));
            json.writeNumberField("avg_ms", round(table.avgMillis()));
            json.writeNumberField("max_ms", round(table.maxMillis()));
            json.writeNumberField("mdev_ms", round(table.mdevMillis()));
            json.writeNumberField("time_ms", elapsedMillis);
            json.writeEndObject();
            json.writeEndObject();
            json.flush();
            out.write('\n');
            out.flush();
            return;
        }
        if (quiet) {
            return;
        }
        err.println("--- " + destination + " rawsock statistics ---");
        // As ping: "+N errors" only when there were some.
        err.println(String.format(Locale.ROOT, "%d probes transmitted, %d received, %s%s%% loss, time %dms",
                table.transmitted(), table.received(), table.errors() > 0 ? "+" + table.errors() + " errors, " : "",
                trim(table.lossPercent()), elapsedMillis));
        if (table.received() > 0) {
            err.println(String.format(Locale.ROOT, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms",
                    table.minMillis(), table.avgMillis(), table.maxMillis(), table.mdevMillis()));
        }
        err.flush();
    }

    OutputStream out() {
        return out;
    }

    /** The JSON generator (null for text), for the scan summary's objects. */
    JsonGenerator json() {
        return json;
    }

    /** Microsecond resolution: more digits would claim a precision the clocks do not have. */
    static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : String.format(Locale.ROOT, "%.1f", percent);
    }
}
