package rawsock.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import rawsock.packet.IpProtocol;

/**
 * The end of a scan (a run of more than one probe per round): per target, each port's state in
 * nmap's words, or for ICMP whether the host is up with its round-trip statistics. Text: one line
 * per target and state ({@code 169.254.92.1: 22,80,8000-8002 open}); JSON: one object per target.
 * A port probed several times (several TTLs, source ports or rounds) takes its most telling
 * result: an answer over an ICMP error over silence.
 */
final class ScanSummary {
    private final ProbePlan plan;
    private final ScanResults results;
    private final int protocol;
    private final int defaultPort;

    ScanSummary(ProbePlan plan, ScanResults results, int protocol, int defaultPort) {
        this.plan = plan;
        this.results = results;
        this.protocol = protocol;
        this.defaultPort = defaultPort;
    }

    /** Prints the summary of the first {@code transmitted} probes. */
    void print(long transmitted, OutputStream out, JsonGenerator json) throws IOException {
        long positions = Math.min(Math.min(transmitted, plan.perRound()), ScanResults.LIMIT);
        long perTarget = plan.perTarget();
        for (long t = 0; t * perTarget < positions; t++) {
            String target = ReplyMatcher.text(plan.targets().get(t));
            if (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) {
                Map<String, TreeSet<Integer>> states = portStates(t * perTarget, Math.min(positions, (t + 1) * perTarget));
                if (json != null) {
                    portsJson(json, target, states);
                } else {
                    for (Map.Entry<String, TreeSet<Integer>> state : states.entrySet()) {
                        line(out, target + ": " + compact(state.getValue()) + " " + state.getKey());
                    }
                }
            } else {
                hostSummary(t, t * perTarget, Math.min(positions, (t + 1) * perTarget), target, out, json);
            }
        }
        if (json != null) {
            json.flush();
        }
        out.flush();
    }

    /** Each port's best state over the positions [from, to) of one target, grouped by state in a fixed order. */
    private Map<String, TreeSet<Integer>> portStates(long from, long to) {
        Map<Integer, Long> best = new LinkedHashMap<>();
        for (long p = from; p < to; p++) {
            int port = plan.destinationPort(p, defaultPort);
            Long known = best.get(port);
            if (known == null || results.state(p) > results.state(known)) {
                best.put(port, p);
            }
        }
        Map<String, TreeSet<Integer>> states = new LinkedHashMap<>();
        for (String name : List.of("open", "closed", "open|filtered", "filtered")) {
            states.put(name, new TreeSet<>());
        }
        for (Map.Entry<Integer, Long> port : best.entrySet()) {
            states.computeIfAbsent(stateName(port.getValue()), k -> new TreeSet<>()).add(port.getKey());
        }
        states.values().removeIf(TreeSet::isEmpty);
        return states;
    }

    private String stateName(long position) {
        switch (results.state(position)) {
            case ScanResults.OPEN:
                return "open";
            case ScanResults.CLOSED:
                return "closed";
            case ScanResults.ERROR:
                return "filtered (" + results.errorName(position) + ")";
            default:
                // No answer: a TCP port that drops SYNs; a UDP port that may be open and silent.
                return protocol == IpProtocol.UDP ? "open|filtered" : "filtered";
        }
    }

    private static void portsJson(JsonGenerator json, String target, Map<String, TreeSet<Integer>> states)
            throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("target");
        json.writeStringField("dst", target);
        Map<String, List<Integer>> named = new LinkedHashMap<>();
        List<Integer> filtered = new ArrayList<>();
        for (Map.Entry<String, TreeSet<Integer>> state : states.entrySet()) {
            String name = state.getKey();
            if (name.startsWith("filtered (")) {
                named.put(name.substring("filtered (".length(), name.length() - 1), new ArrayList<>(state.getValue()));
                filtered.addAll(state.getValue());
            } else if (name.equals("filtered")) {
                filtered.addAll(state.getValue());
            } else {
                numbers(json, name, state.getValue());
            }
        }
        if (!filtered.isEmpty()) {
            numbers(json, "filtered", new TreeSet<>(filtered));
        }
        if (!named.isEmpty()) {
            json.writeObjectFieldStart("filtered_by");
            for (Map.Entry<String, List<Integer>> error : named.entrySet()) {
                numbers(json, error.getKey(), error.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void numbers(JsonGenerator json, String name, Iterable<Integer> ports) throws IOException {
        json.writeArrayFieldStart(name);
        for (int port : ports) {
            json.writeNumber(port);
        }
        json.writeEndArray();
    }

    /** ICMP: "up" with the round-trip statistics, or "down" (naming the ICMP error drawn, if any). */
    private void hostSummary(long t, long from, long to, String target, OutputStream out, JsonGenerator json)
            throws IOException {
        double[] rtt = results.rtt(t);
        String error = null;
        for (long p = from; p < to && error == null; p++) {
            if (results.state(p) == ScanResults.ERROR) {
                error = results.errorName(p);
            }
        }
        if (json != null) {
            json.writeStartObject();
            json.writeObjectFieldStart("target");
            json.writeStringField("dst", target);
            json.writeStringField("state", rtt != null ? "up" : "down");
            if (rtt != null) {
                json.writeNumberField("received", (long) rtt[0]);
                json.writeNumberField("min_ms", ReplyPrinter.round(rtt[1]));
                json.writeNumberField("avg_ms", ReplyPrinter.round(rtt[3] / rtt[0]));
                json.writeNumberField("max_ms", ReplyPrinter.round(rtt[2]));
                json.writeNumberField("mdev_ms", ReplyPrinter.round(mdev(rtt)));
            } else if (error != null) {
                json.writeStringField("error", error);
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
            return;
        }
        if (rtt != null) {
            line(out, String.format(Locale.ROOT, "%s: up rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms", target, rtt[1],
                    rtt[3] / rtt[0], rtt[2], mdev(rtt)));
        } else {
            line(out, target + ": down" + (error != null ? " (" + error + ")" : ""));
        }
    }

    private static double mdev(double[] rtt) {
        double avg = rtt[3] / rtt[0];
        return Math.sqrt(Math.max(0, rtt[4] / rtt[0] - avg * avg));
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ports as a compact list: 22,80,8000-8002. */
    static String compact(Iterable<Integer> sorted) {
        StringBuilder text = new StringBuilder();
        int start = -1;
        int end = -1;
        for (int port : sorted) {
            if (start >= 0 && port == end + 1) {
                end = port;
                continue;
            }
            appendRange(text, start, end);
            start = port;
            end = port;
        }
        appendRange(text, start, end);
        return text.toString();
    }

    private static void appendRange(StringBuilder text, int start, int end) {
        if (start < 0) {
            return;
        }
        if (text.length() > 0) {
            text.append(',');
        }
        text.append(start);
        if (end > start) {
            text.append('-').append(end);
        }
    }
}
