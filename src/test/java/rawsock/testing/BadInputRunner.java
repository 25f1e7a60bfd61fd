package rawsock.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rawsock.testing.BadInputMatrix.Row;

/**
 * Runs rows of {@link BadInputMatrix} through the real command line in-process, with what the
 * tool writes anywhere (its console, and System.out/err, where a stray print or a log line would
 * land) captured. As a program ({@link #main}), it runs every row and then the controls, and
 * prints one line per row: index, exit status, the kernel counters that moved (read from
 * /proc/self/net and /sys/class/net before and after the row), stdout and stderr in base64.
 * BadInputMatrixTest starts it inside a fresh network namespace, where only it sends.
 */
public final class BadInputRunner {
    private BadInputRunner() {
    }

    /** What one row did. */
    public static final class Result {
        public final int status;
        public final String stdout;
        public final String stderr;
        /** Counter name -> how far it moved (only those that moved). */
        public final Map<String, Long> moved;

        Result(int status, String stdout, String stderr, Map<String, Long> moved) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
            this.moved = moved;
        }

        String encode(int index) {
            Base64.Encoder b64 = Base64.getEncoder();
            StringBuilder counters = new StringBuilder();
            moved.forEach((k, v) -> counters.append(counters.length() == 0 ? "" : ",").append(k).append('=').append(v));
            return "ROW\t" + index + "\t" + status + "\t" + (counters.length() == 0 ? "-" : counters) + "\t"
                    + b64.encodeToString(stdout.getBytes(StandardCharsets.UTF_8)) + "\t"
                    + b64.encodeToString(stderr.getBytes(StandardCharsets.UTF_8));
        }

        /** Parses the runner's line for one row; null when the line is not a row's. */
        public static Map.Entry<Integer, Result> decode(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6 || !f[0].equals("ROW")) {
                return null;
            }
            Map<String, Long> moved = new TreeMap<>();
            if (!f[3].equals("-")) {
                for (String pair : f[3].split(",")) {
                    String[] kv = pair.split("=");
                    moved.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return Map.entry(Integer.parseInt(f[1]), new Result(Integer.parseInt(f[2]),
                    new String(b64.decode(f[4]), StandardCharsets.UTF_8), new String(b64.decode(f[5]),
                    StandardCharsets.UTF_8), moved));
        }
    }

    /** The files rows name, in one directory; the same names whoever makes or reads them. */
    public static final class Fixtures implements AutoCloseable {
        private final Path dir;
        private final Map<String, String> names = new LinkedHashMap<>();

        private Fixtures(Path dir) {
            this.dir = dir;
            for (String name : List.of("missing", "dir", "unreadable", "big", "notpcap", "shortpcap")) {
                names.put("{" + name + "}", dir.resolve(name).toString());
            }
        }

        /** Makes the files in a new directory (as root the unreadable one is unreadable only without DAC). */
        public static Fixtures create() throws IOException {
            Fixtures f = new Fixtures(Files.createTempDirectory("rawsock-badinput-"));
            Files.createDirectory(f.dir.resolve("dir"));
            Path unreadable = Files.writeString(f.dir.resolve("unreadable"), "secret");
            Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
            Files.write(f.dir.resolve("big"), new byte[70_000]);
            Files.writeString(f.dir.resolve("notpcap"), "this is not a pcap file, just text\n");
            Files.write(f.dir.resolve("shortpcap"), java.util.Arrays.copyOf(BadInputMatrix.echoReplyPcap(0), 10));
            return f;
        }

        /** The fixtures another process made in {@code dir}. */
        public static Fixtures in(Path dir) {
            return new Fixtures(dir);
        }

        public Path dir() {
            return dir;
        }

        /** {@code text} with each {name} replaced by its path. */
        public String resolve(String text) {
            String out = text;
            for (Map.Entry<String, String> e : names.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }

        /** What a row's stdin key stands for. */
        public static byte[] stdin(String key) {
            byte[] pcap3 = BadInputMatrix.echoReplyPcap(3);
            switch (key) {
                case "":
                    return new byte[0];
                case "bad-hex":
                    return "zz\n".getBytes(StandardCharsets.US_ASCII);
                case "short-pcap":
                    return java.util.Arrays.copyOf(pcap3, 10);
                case "truncated-pcap":
                    return java.util.Arrays.copyOf(pcap3, pcap3.length - 5);      // records 1, 2 whole
                case "first-record-cut":
                    return java.util.Arrays.copyOf(pcap3, 24 + 16 + 4);
                case "pcapng-odd-length":
                    return pcapngThen(13, 0);
                case "pcapng-past-end":
                    return pcapngThen(64, 20);
                default:
                    throw new IllegalArgumentException("no stdin fixture " + key);
            }
        }

        /** A pcapng Section Header Block, then a block claiming {@code length} bytes with {@code present} after its header. */
        private static byte[] pcapngThen(int length, int present) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(28 + 8 + present).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
            b.putInt(0x00000bad).putInt(length);
            return b.array();
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Runs one row in-process; with {@code count}, notes which kernel counters it moved. */
    public static Result run(Row row, Fixtures fixtures, boolean count) {
        String[] args = row.words.stream().map(fixtures::resolve).toArray(String[]::new);
        Map<String, Long> before = count ? counters() : Map.of();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream strayOut = new ByteArrayOutputStream();
        ByteArrayOutputStream strayErr = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setOut(new PrintStream(strayOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(strayErr, true, StandardCharsets.UTF_8));
            run = CliRun.runWithInput(Fixtures.stdin(row.stdin), row.stdoutTerminal, args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Map<String, Long> moved = new TreeMap<>();
        if (count) {
            Map<String, Long> after = counters();
            after.forEach((k, v) -> {
                long delta = v - before.getOrDefault(k, 0L);
                if (delta != 0) {
                    moved.put(k, delta);
                }
            });
        }
        return new Result(run.status, run.out() + strayOut.toString(StandardCharsets.UTF_8),
                run.stderr + strayErr.toString(StandardCharsets.UTF_8), moved);
    }

    /**
     * Counters of packets going out, as this process's network namespace counts them, including
     * OutNoRoutes: a packet tried and dropped for want of a route (a DNS query, in the namespace).
     */
    public static Map<String, Long> counters() {
        Map<String, Long> counters = new TreeMap<>();
        try {
            List<String> snmp = Files.readAllLines(Path.of("/proc/self/net/snmp"));
            for (int i = 0; i + 1 < snmp.size(); i += 2) {
                String[] names = snmp.get(i).split("\\s+");
                String[] values = snmp.get(i + 1).split("\\s+");
                for (int j = 1; j < names.length && j < values.length; j++) {
                    String key = names[0].replace(":", "") + "." + names[j];
                    if (names[j].startsWith("Out")) {
                        counters.put(key, Long.parseLong(values[j]));
                    }
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/net/snmp6"))) {
                String[] f = line.trim().split("\\s+");
                // Ip6OutRequests -> Ip6.OutRequests; per-type ICMPv6 counters are in OutMsgs.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(Ip6|Icmp6|Udp6|UdpLite6)(Out.*)")
                        .matcher(f[0]);
                if (f.length == 2 && m.matches() && !m.group(2).startsWith("OutType")) {
                    counters.put(m.group(1) + "." + m.group(2), Long.parseLong(f[1]));
                }
            }
            try (Stream<Path> ifaces = Files.list(Path.of("/sys/class/net"))) {
                for (Path iface : ifaces.toList()) {
                    Path tx = iface.resolve("statistics/tx_packets");
                    if (Files.exists(tx)) {
                        counters.put(iface.getFileName() + ".tx_packets", Long.parseLong(Files.readString(tx).trim()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counters;
    }

    /** Every row of the matrix, then the controls. */
    public static List<Row> all() {
        List<Row> all = new ArrayList<>(BadInputMatrix.rows());
        all.addAll(BadInputMatrix.controls());
        return all;
    }

    /** args: the fixtures' directory. Prints one ROW line per row of {@link #all()}, then DONE. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        Fixtures fixtures = Fixtures.in(Path.of(args[0]));
        List<Row> all = all();
        for (int i = 0; i < all.size(); i++) {
            out.println(run(all.get(i), fixtures, true).encode(i));
        }
        out.println("DONE");
        out.flush();
        System.exit(0);
    }
}
