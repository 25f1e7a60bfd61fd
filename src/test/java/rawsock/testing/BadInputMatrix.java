package rawsock.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.cli.Console;
import rawsock.cli.Rawsock;
import rawsock.packet.Vlan;

/**
 * Issue #9's bad-input matrix: for every option of rawsock, send and recv, command lines that
 * must be refused (exit 2; 4 for the system errors marked so) with one line on stderr naming the
 * value, no stack trace, nothing on stdout and no packet sent. BadInputMatrixTest checks that
 * every option of the picocli model has rows here (or a reasoned exemption), runs the rows that
 * need nothing in-process, and runs them all in a fresh network namespace (BadInputRunner),
 * where the kernel's own counters show that nothing was sent.
 *
 * <p>Rows are written as shell-like words ('' is an empty argument, 'a b' one argument);
 * {missing}, {dir}, {unreadable}, {big}, {notpcap} and {shortpcap} stand for files that
 * BadInputRunner.Fixtures makes. Every destination is 127.0.0.1 or ::1; every recv row has a
 * timeout, so a row wrongly accepted still ends.
 */
public final class BadInputMatrix {
    private BadInputMatrix() {
    }

    /** What a row needs beyond an in-process run without privileges. */
    public enum Need {
        /** Reaches a socket or the kernel (interface names, replay): root. */
        ROOT,
        /** May ask the resolver: only where no query can leave (the namespace, no route out). */
        LOOKUP,
        /** An unreadable file: a reader without CAP_DAC_OVERRIDE (the namespace runner drops it). */
        NO_DAC
    }

    /** One refused command line and what its refusal must look like. */
    public static final class Row {
        public final String command;
        public final String subject;
        public final List<String> words;
        public final boolean conflict;
        /** Made from the model (an option without its value), not written by hand. */
        public boolean generated;
        public int status = 2;
        public String named;
        public final Set<Need> needs = EnumSet.noneOf(Need.class);
        public String stdin = "";
        /** Packets that must go out before the refusal (whole pcap records before a cut one). */
        public int sends;
        /** Run with a stdout that is a terminal (where binary output is refused). */
        public boolean stdoutTerminal;

        Row(String command, String subject, boolean conflict, List<String> words, String named) {
            this.command = command;
            this.subject = subject;
            this.conflict = conflict;
            this.words = words;
            this.named = named;
        }

        Row exit(int value) {
            status = value;
            return this;
        }

        Row needs(Need... values) {
            needs.addAll(List.of(values));
            return this;
        }

        /** stdin: a key of BadInputRunner.Fixtures.stdin (e.g. "truncated-pcap"). */
        Row stdin(String key) {
            stdin = key;
            return this;
        }

        Row sends(int packets) {
            sends = packets;
            return this;
        }

        Row stdoutOnTerminal() {
            stdoutTerminal = true;
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", words.stream().map(w -> w.isEmpty() || w.contains(" ") ? "'" + w + "'" : w).toList())
                    + (stdin.isEmpty() ? "" : " < " + stdin) + (stdoutTerminal ? " > tty" : "");
        }
    }

    /** Options with no row, each with the reason; the coverage guard refuses any other gap. */
    public static final Map<String, String> EXEMPT = Map.of(
            "rawsock --help", "a help request exits 0 by design (picocli's standard help); nothing to refuse",
            "rawsock --version", "a version request exits 0 by design; nothing to refuse",
            "send --help", "as rawsock --help",
            "send --version", "as rawsock --version",
            "recv --help", "as rawsock --help",
            "recv --version", "as rawsock --version",
            "ifaces --help", "as rawsock --help",
            "ifaces --version", "as rawsock --version",
            "rawsock -v", "a counter flag (-v, -vv): every repetition and combination is valid, -q included (-q wins, "
                    + "as the README says); -vv's stack trace is its purpose",
            "rawsock --quiet", "a flag valid anywhere and with anything (-v included); it only hides the summary");

    private static final String V4 = "-d 127.0.0.1";

    /** Every row, in a fixed order (the runner's results are matched to rows by index). */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        sendRows(rows);
        recvRows(rows);
        topRows(rows);
        ifacesRows(rows);
        rows.addAll(missingValues());
        return rows;
    }

    /** Valid sends inside the namespace that must move the counters, so the check can fail. */
    public static List<Row> controls() {
        return List.of(
                control("send -q " + V4),                                  // Ip OutRequests, Icmp OutMsgs
                control("send -q -p udp " + V4 + " --dport 9 --data control"),
                control("send -q -d ::1"),                                  // Ip6 OutRequests, Icmp6 OutMsgs
                control("send -q --link -I lo -p arp " + V4));              // lo tx_packets
    }

    /** The counter each control must move. */
    public static final List<String> CONTROL_MOVES = List.of("Icmp.OutMsgs", "Ip.OutRequests", "Ip6.OutRequests",
            "lo.tx_packets");

    private static Row control(String line) {
        return new Row("send", "-", false, words(line), "").exit(0).needs(Need.ROOT);
    }

    private static void sendRows(List<Row> rows) {
        // Numbers: negative, one past the field, not a number, 0x with junk, empty.
        number(rows, "--ttl", V4, 255);
        number(rows, "--tos", V4, 255);
        number(rows, "--id", V4, 65535);
        number(rows, "--flow-label", "-d ::1", 0xfffff);
        number(rows, "--frag-offset", V4, 8191);
        number(rows, "--icmp-code", V4, 255);
        // The destination may also be a positional HOST, as ping takes it: once, and not beside -d.
        rows.add(send("--dst", "127.0.0.1 " + V4, "given twice"));
        number(rows, "--icmp-id", V4, 65535);
        number(rows, "--icmp-seq", V4, 65535);
        number(rows, "--sport", V4 + " -p udp", 65535);
        number(rows, "--dport", V4 + " -p udp", 65535);
        number(rows, "--seq", V4 + " -p tcp", 0xffffffffL);
        number(rows, "--ack", V4 + " -p tcp", 0xffffffffL);
        number(rows, "--win", V4 + " -p tcp", 65535);
        number(rows, "--urg", V4 + " -p tcp", 65535);
        number(rows, "--igmp-max-resp", V4 + " -p igmp", 255);
        number(rows, "--checksum", V4, 65535);
        number(rows, "--ethertype", "--link -I lo " + V4, 65535);
        number(rows, "--size", V4, 65535);
        number(rows, "--rate", V4, 100_000_000);
        rows.add(send("--rate", V4 + " --rate 0", "--rate 0"));
        number(rows, "--count", V4, -1);
        rows.add(send("--ttl", V4 + " --ttl 0x-1", "0x-1"));
        rows.add(send("--ttl", V4 + " --ttl 0x+5", "0x+5"));
        rows.add(send("--ttl", V4 + " --ttl 0x", "0x"));
        rows.add(send("--ttl", V4 + " --ttl 99999999999999999999", "99999999999999999999"));
        rows.add(send("--size", V4 + " -p udp --size 65535", "65535"));  // fits the field, not a packet
        rows.add(send("--size", V4 + " -p tcp --tcp-options 020405b4 --size 65500", "the packet would be 65544 bytes"));
        rows.add(send("--size", "-d ::1 -p udp --size 65530", "the IPv6 payload would be 65538 bytes"));
        rows.add(send("--data", V4 + " -p igmp --data x", "a payload does not apply to igmp"));

        // Addresses: no resolver is asked for a malformed literal (only the LOOKUP rows may ask).
        for (String bad : List.of("999.1.1.1", "1.2.3.999", "256.0.0.1", "1.2.3", "1.2.3.4.5", "::g", "[::1", "1::2::3")) {
            rows.add(send("--dst", "-d " + bad, bad));
            rows.add(send("--src", V4 + " --src " + bad, bad));
        }
        rows.add(send("--dst", "-d ''", "--dst"));
        rows.add(send("--dst", "-p icmp", "--dst is required"));
        rows.add(send("--dst", "-d no-such-host.invalid", "no-such-host.invalid").needs(Need.LOOKUP));
        rows.add(send("--dst", "-d 'bad host!'", "bad host!").needs(Need.LOOKUP));
        rows.add(send("--dst", "-6 -d localhost", "localhost").needs(Need.LOOKUP));
        rows.add(send("--dst", "--link -I lo --stdin-hex " + V4, "--dst does not apply"));
        rows.add(send("--dst", "--stdin-hex " + V4, "--dst does not apply"));
        rows.add(send("--dst", "--read-pcap - -d ::1", "--dst does not apply"));
        // Target lists and field ranges: every item checked (each name resolved) before anything is sent.
        rows.add(send("--dst", "-d 127.0.0.0/33", "127.0.0.0/33"));
        rows.add(send("--dst", "-d ::1/129", "::1/129"));
        rows.add(send("--dst", "-d 127.0.0.0/x", "127.0.0.0/x"));
        rows.add(send("--dst", "-d 127.0.0.20-1", "127.0.0.20-1"));
        rows.add(send("--dst", "-d 127.0.0.1-256", "127.0.0.1-256"));
        rows.add(send("--dst", "-d 127.0.0.1,,127.0.0.2", "empty item"));
        rows.add(send("--dst", "-d 127.0.0.1,::1", "mix IPv4 and IPv6"));
        rows.add(send("--dst", "-d 127.0.0.1,127.0.0.0/40", "127.0.0.0/40"));
        rows.add(send("--dst-file", "--dst-file {missing}", "{missing}"));
        rows.add(send("--dst-file", "--dst-file {dir}", "{dir}"));
        rows.add(send("--dst-file", "--dst-file -", "names no target"));
        rows.add(send("--dst-file", "--dst-file {notpcap}", "line 1"));
        rows.add(send("--dst-file", "--stdin-hex --dst-file {missing}", "--dst-file does not apply"));
        rows.add(send("--dport", V4 + " -p tcp --dport 90-80", "90-80"));
        rows.add(send("--dport", V4 + " -p tcp --dport 22,,80", "empty item"));
        rows.add(send("--dport", V4 + " -p tcp --dport 1-65536", "65536"));
        rows.add(send("--dport", "--link -I lo " + V4 + " -p udp --dport 1-2", "--link"));
        rows.add(send("--sport", V4 + " -p udp --sport 5-4", "5-4"));
        rows.add(send("--sport", V4 + " -p udp --sport 5,6 --wait", "--sport 5,6"));
        rows.add(send("--ttl", V4 + " --ttl 0", "--ttl 0"));
        rows.add(send("--ttl", V4 + " --ttl 1-256", "256"));
        rows.add(send("--ttl", V4 + " --ttl 30-1", "30-1"));
        rows.add(send("-6", "--stdin-hex -6", "-6 does not apply"));
        rows.add(send("--icmp-mtu", V4 + " --icmp-mtu 1400", "--icmp-mtu applies to --icmp-type dest-unreach"));
        rows.add(send("--icmp-mtu", V4 + " --icmp-type dest-unreach --icmp-mtu 65536", "65536"));
        rows.add(send("--icmp-gateway", V4 + " --icmp-gateway 127.0.0.2", "--icmp-gateway applies"));
        rows.add(send("--icmp-gateway", V4 + " --icmp-type redirect --icmp-gateway ::1", "::1"));
        rows.add(send("--icmp-pointer", V4 + " --icmp-pointer 3", "--icmp-pointer applies"));
        rows.add(send("--icmp-pointer", V4 + " --icmp-type param-problem --icmp-pointer 256", "256"));
        rows.add(send("--icmp-id", V4 + " --icmp-type time-exceeded --icmp-id 5", "no identifier"));
        String na = "-d ::1 --icmp-type neighbor-advert";
        String ra = "-d ::1 --icmp-type router-advert";
        rows.add(send("--nd-target", "-d ::1 --nd-target ::2", "--nd-target applies to ICMPv6 --icmp-type"));
        rows.add(send("--nd-target", V4 + " --icmp-type redirect --nd-target ::2", "not to redirect"));
        rows.add(send("--nd-target", na + " --nd-target 127.0.0.1", "not an IPv6 address"));
        rows.add(send("--nd-target", na + " --nd-target 1::2::3", "1::2::3"));
        rows.add(send("--nd-target", "-d ::1 -p udp --nd-target ::2", "--nd-target applies to icmp and icmp6"));
        rows.add(send("--nd-flags", na + " --nd-flags RSX", "'X' is not a flag of neighbor-advert: use letters from RSO"));
        rows.add(send("--nd-flags", ra + " --nd-flags S", "use letters from MO"));
        rows.add(send("--nd-flags", "-d ::1 --icmp-type neighbor-solicit --nd-flags S", "--nd-flags applies"));
        rows.add(send("--nd-destination", na + " --nd-destination ::2", "--nd-destination applies to ICMPv6 --icmp-type redirect"));
        rows.add(send("--nd-destination", "-d ::1 --icmp-type redirect --nd-destination 127.0.0.1", "not an IPv6"));
        rows.add(send("--nd-sll", na + " --nd-sll 02:00:00:00:00:01", "--nd-sll applies"));
        rows.add(send("--nd-sll", "-d ::1 --icmp-type neighbor-solicit --nd-sll 02:00:00:00:01", "02:00:00:00:01"));
        rows.add(send("--nd-tll", "-d ::1 --icmp-type neighbor-solicit --nd-tll 02:00:00:00:00:01", "--nd-tll applies"));
        rows.add(send("--nd-tll", na + " --nd-tll zz:00:00:00:00:01", "zz:00:00:00:00:01"));
        rows.add(send("--nd-hop-limit", na + " --nd-hop-limit 64", "--nd-hop-limit applies"));
        number(rows, "--nd-hop-limit", ra, 255);
        rows.add(send("--nd-router-lifetime", "-d ::1 --nd-router-lifetime 5", "--nd-router-lifetime applies"));
        number(rows, "--nd-router-lifetime", ra, 65535);
        rows.add(send("--nd-reachable-time", na + " --nd-reachable-time 5", "--nd-reachable-time applies"));
        number(rows, "--nd-reachable-time", ra, 0xffffffffL);
        rows.add(send("--nd-retrans-timer", na + " --nd-retrans-timer 5", "--nd-retrans-timer applies"));
        number(rows, "--nd-retrans-timer", ra, 0xffffffffL);
        rows.add(send("--src", V4 + " --src ''", "--src"));
        rows.add(send("--src", "-d ::1 --src 127.0.0.1", "--src 127.0.0.1"));
        rows.add(send("--src", V4 + " --src ::1", "--src ::1"));
        rows.add(send("--src", V4 + " --src no-such-host.invalid", "no-such-host.invalid").needs(Need.LOOKUP));
        rows.add(send("--src", "--stdin-hex --src 127.0.0.1", "--src"));
        rows.add(send("--igmp-group", V4 + " -p igmp --igmp-group 999.1.1.1", "999.1.1.1"));
        rows.add(send("--igmp-group", V4 + " -p igmp --igmp-group ::1", "::1"));
        rows.add(send("--igmp-group", V4 + " -p igmp --igmp-group ''", "--igmp-group"));
        rows.add(send("--igmp-group", V4 + " --igmp-group 224.0.0.1", "--igmp-group applies to igmp"));
        conflict(rows, "-6", "-6 " + V4, "-6");
        conflict(rows, "-6", "-6 --link -I lo " + V4 + " --dst-mac 00:00:00:00:00:01", "-6");

        // Protocols and names.
        for (String bad : List.of("bogus", "256", "-1", "''", "arp")) {
            rows.add(send("--proto", V4 + " -p " + bad, bad.equals("''") ? "--proto" : bad));
        }
        rows.add(send("--proto", V4 + " -p icmp6", "icmp6 needs IPv6"));
        rows.add(send("--proto", "-d ::1 -p igmp", "igmp is IPv4 only"));
        rows.add(send("--proto", "--link -I lo -p arp -d ::1", "is IPv6"));
        for (String bad : List.of("nonsense", "256", "-1", "''")) {
            rows.add(send("--icmp-type", V4 + " --icmp-type " + bad, bad.equals("''") ? "--icmp-type" : bad));
        }
        rows.add(send("--icmp-type", "-d ::1 --icmp-type 256", "256"));
        rows.add(send("--icmp-type", V4 + " -p tcp --icmp-type 3", "--icmp-type applies to icmp"));
        for (String bad : List.of("bogus", "256", "-1", "''")) {
            rows.add(send("--igmp-type", V4 + " -p igmp --igmp-type " + bad, bad.equals("''") ? "--igmp-type" : bad));
        }
        rows.add(send("--flags", V4 + " -p tcp --flags SXZ", "X"));
        rows.add(send("--flags", V4 + " -p tcp --flags 7", "7"));
        rows.add(send("--flags", V4 + " -p udp --flags S", "--flags applies to tcp"));
        rows.add(send("--timing", "--read-pcap - --timing bogus", "bogus"));
        rows.add(send("--timing", "--read-pcap - --timing ''", "--timing"));
        rows.add(send("--timing", V4 + " --timing original", "--timing"));
        rows.add(send("--timing", "--read-pcap - --timing original --rate 5", "--timing original"));
        rows.add(send("--fix-checksums", V4 + " --fix-checksums", "--fix-checksums applies to whole packets"));
        rows.add(send("--fix-checksums", V4 + " -p udp --data x --fix-checksums", "--fix-checksums"));
        rows.add(send("--format", V4 + " --wait -f xml", "xml"));
        rows.add(send("--format", V4 + " --wait -f ''", "-f"));
        rows.add(send("--format", V4 + " -f json", "-f applies to the replies of --wait"));

        // Hex: odd, not hex, too long, a prefix with nothing behind it.
        for (String option : List.of("--hex", "--ip-options", "--tcp-options")) {
            String prefix = V4 + (option.equals("--tcp-options") ? " -p tcp" : "");
            rows.add(send(option, prefix + " " + option + " zz", "zz"));
            rows.add(send(option, prefix + " " + option + " abc", "odd number"));
            rows.add(send(option, prefix + " " + option + " 0xg1", "0xg1"));
        }
        rows.add(send("--ip-options", V4 + " --ip-options " + "01".repeat(41), "--ip-options has 41 bytes"));
        rows.add(send("--tcp-options", V4 + " -p tcp --tcp-options " + "01".repeat(41), "--tcp-options has 41 bytes"));
        rows.add(send("--ip-options", "-d ::1 --ip-options 01", "--ip-options is an IPv4 header field"));
        rows.add(send("--hex", V4 + " --data a --hex 00", "mutually exclusive"));
        rows.add(send("--data", V4 + " --data a --size 3", "mutually exclusive"));
        rows.add(send("--data", "--stdin-hex --data a", "--data does not apply"));
        rows.add(send("--data", "--link -I lo -p arp " + V4 + " --data x", "--data does not apply to --proto arp"));

        // MACs and the link layer.
        for (String option : List.of("--src-mac", "--dst-mac")) {
            for (String bad : List.of("zz", "''", "00:11:22:33:44", "00:11:22:33:44:55:66", "00:11:22:33:44:gg")) {
                rows.add(send(option, "--link -I lo " + V4 + " " + option + " " + bad, bad.equals("''") ? option : bad));
            }
            rows.add(send(option, V4 + " " + option + " 00:11:22:33:44:55", option + " needs --link"));
        }
        rows.add(send("--ethertype", V4 + " --ethertype 0x88b5", "--ethertype needs --link"));
        conflict(rows, "--link", "--link " + V4, "--link needs -I IFACE");
        conflict(rows, "--link", "--link -I lo " + V4 + " --wait", "--wait with --link matches ARP replies only");
        arpAndVlanRows(rows);
        conflict(rows, "--hdrincl", "--link -I lo " + V4 + " --dst-mac 00:00:00:00:00:01 --hdrincl", "--hdrincl");
        conflict(rows, "--hdrincl", "--stdin-hex --hdrincl", "--hdrincl");

        // Interfaces: names the kernel can never have are usage errors; a valid name that is not
        // there is the system's answer (ENODEV), exit 4, found when the socket is bound.
        for (String bad : List.of("''", "abcdefghijklmnop", "a/b", "eth0:1", "'et h0'", ".")) {
            rows.add(send("--iface", V4 + " -I " + bad, bad.equals("''") ? "-I" : bad.replace("'", "")));
        }
        rows.add(send("--iface", V4 + " -I nosuch0", "no such interface: nosuch0 (this host has "));
        rows.add(send("--iface", "--link -I nosuch0 -p arp " + V4, "no such interface: nosuch0"));
        rows.add(send("--iface", "-d ::1 -I nosuch0", "no such interface: nosuch0"));

        // IPv4-only fields with IPv6, and the reverse.
        for (String option : List.of("--id 5", "--frag-offset 1")) {
            rows.add(send(option.split(" ")[0], "-d ::1 " + option, option.split(" ")[0] + " is an IPv4 header field"));
        }
        conflict(rows, "--df", "-d ::1 --df", "--df is an IPv4 header field");
        conflict(rows, "--df", "--stdin-hex --df", "--df does not apply");
        conflict(rows, "--mf", "-d ::1 --mf", "--mf is an IPv4 header field");
        conflict(rows, "--mf", "--link -I lo -p arp " + V4 + " --mf", "--mf does not apply to --proto arp");
        rows.add(send("--flow-label", V4 + " --flow-label 5", "--flow-label is an IPv6 field"));
        rows.add(send("--sport", V4 + " --sport 80", "--sport applies to udp and tcp"));
        rows.add(send("--dport", V4 + " --dport 80", "--dport applies to udp and tcp"));
        rows.add(send("--seq", V4 + " -p udp --seq 1", "--seq applies to tcp"));
        rows.add(send("--ttl", "--stdin-hex --ttl 5", "--ttl"));
        rows.add(send("--ttl", "--link -I lo -p arp " + V4 + " --ttl 3", "--ttl does not apply to --proto arp"));

        // Durations.
        for (String option : List.of("--interval", "--wait=")) {
            boolean wait = option.endsWith("=");
            for (String bad : List.of("-1s", "1x", "5parsecs", "NaN", "1000000000h", "1s5")) {
                String arg = wait ? option + bad : option + " " + bad;
                rows.add(send(wait ? "--wait" : option, V4 + " " + arg, bad));
            }
        }
        rows.add(send("--interval", V4 + " -i ''", "--interval"));
        rows.add(send("--wait", V4 + " --wait=", "--wait"));
        rows.add(send("--wait", V4 + " --wait=2h", "longer than an hour"));
        rows.add(send("--wait", V4 + " -p igmp --wait", "--wait matches replies"));
        rows.add(send("--wait", "--stdin-hex --wait", "--stdin-hex"));
        conflict(rows, "--flood", V4 + " --flood --interval 1ms", "--flood");
        conflict(rows, "--flood", V4 + " --flood --rate 5", "--flood");
        conflict(rows, "--flood", V4 + " --wait --flood", "--flood");
        rows.add(send("--interval", V4 + " -i 1ms --rate 5", "--interval"));
        // --traceroute: --ttl is the maximum hop (one number, 1..255), --count the probes per hop.
        conflict(rows, "--traceroute", "--link -I lo " + V4 + " --traceroute", "--traceroute does not apply to --link");
        rows.add(send("--traceroute", "--stdin-hex --traceroute", "--traceroute does not apply to whole packets from --stdin-hex"));
        rows.add(send("--traceroute", "--read-pcap {shortpcap} --traceroute", "from --read-pcap"));
        rows.add(send("--traceroute", V4 + " --traceroute --ttl 0", "--ttl 0"));
        rows.add(send("--traceroute", V4 + " --traceroute --ttl 256", "--ttl 256"));
        rows.add(send("--traceroute", V4 + " --traceroute --ttl 1-30", "1-30"));
        rows.add(send("--traceroute", V4 + " --traceroute -c 0", "--count 0 is out of range (1..10)"));
        rows.add(send("--traceroute", V4 + " --traceroute -c 11", "--count 11"));
        rows.add(send("--traceroute", V4 + " --traceroute -p igmp", "--traceroute matches replies"));

        // Files, and whole packets.
        rows.add(send("--file", V4 + " --file {missing}", "{missing}"));
        rows.add(send("--file", V4 + " --file {dir}", "{dir}"));
        rows.add(send("--file", V4 + " --file {big}", "larger than 65535"));
        rows.add(send("--file", V4 + " --file {unreadable}", "{unreadable}").needs(Need.NO_DAC));
        rows.add(send("--file", V4 + " --file ''", "--file"));
        rows.add(send("--read-pcap", "--read-pcap {missing}", "{missing}"));
        rows.add(send("--read-pcap", "--read-pcap {dir}", "{dir}"));
        rows.add(send("--read-pcap", "--read-pcap {unreadable}", "{unreadable}").needs(Need.NO_DAC));
        rows.add(send("--read-pcap", "--read-pcap ''", "--read-pcap"));
        // Read but not pcap: bad data, exit 4 (as a malformed --stdin-hex line), before any socket.
        rows.add(send("--read-pcap", "--read-pcap {notpcap}", "{notpcap}").exit(4));
        rows.add(send("--read-pcap", "--read-pcap {shortpcap}", "{shortpcap}").exit(4));
        rows.add(send("--read-pcap", "--read-pcap -", "--read-pcap -").exit(4).stdin("short-pcap"));
        // A record cut short after two whole ones: exit 4 once the two are out (-q: the error line
        // alone; without it the summary of the two comes first), and nothing of the third.
        rows.add(send("--read-pcap", "-q --read-pcap -", "truncated record").exit(4).needs(Need.ROOT)
                .stdin("truncated-pcap").sends(2));
        rows.add(send("--read-pcap", "--read-pcap -", "truncated record").exit(4).needs(Need.ROOT)
                .stdin("first-record-cut"));
        rows.add(send("--read-pcap", "--stdin-hex --read-pcap x.pcap", "mutually exclusive"));
        conflict(rows, "--stdin-hex", "--stdin-hex", "column 1").exit(4).needs(Need.ROOT).stdin("bad-hex");
        conflict(rows, "--stdin-hex", "--stdin-hex --size 5", "--size does not apply");
        rows.add(send("--size", "--stdin-hex --size 5", "--size does not apply"));
        rows.add(send("--count", V4 + " --count -3", "--count -3"));
    }

    private static void recvRows(List<Row> rows) {
        for (String bad : List.of("bogus", "0", "255", "raw", "256", "-1", "''")) {
            rows.add(recv("--proto", "-p " + bad, bad.equals("''") ? "--proto" : bad));
        }
        rows.add(recv("--proto", "-p icmp6", "icmp6 needs IPv6"));
        rows.add(recv("--proto", "--link -p udp", "--proto does not apply to --link"));
        rows.add(recvConflict("-6", "--link -6", "--link"));
        rows.add(recvConflict("--link", "--link -p icmp", "--proto does not apply to --link"));
        rows.add(recvConflict("--promisc", "--promisc", "--promisc needs --link"));
        rows.add(recvConflict("--promisc", "--link --promisc", "--promisc needs -I"));
        rows.add(recvConflict("--no-ring", "--no-ring", "--no-ring needs --link"));
        for (String bad : List.of("''", "abcdefghijklmnop", "a/b", "eth0:1", "..")) {
            rows.add(recv("--iface", "-I " + bad, bad.equals("''") ? "-I" : bad));
        }
        rows.add(recv("--iface", "-I nosuch0", "no such interface: nosuch0 (this host has "));
        rows.add(recv("--iface", "--link -I nosuch0", "no such interface: nosuch0"));
        number(rows, "recv", "--snaplen", "", 262144);
        rows.add(recv("--snaplen", "--snaplen 0", "--snaplen 0"));
        for (String bad : List.of("-1", "1Q", "''", "k", "1k", "99999999999999999999", "0x10")) {
            rows.add(recv("--buffer", "--buffer " + bad, bad.equals("''") ? "--buffer" : bad.equals("1k") ? "1024" : bad));
        }
        // More than the machine's memory (MemTotal): refused naming the value and the limit.
        rows.add(recv("--buffer", "--buffer 1023G", "--buffer 1098437885952 is more than this machine's memory"));
        for (String bad : List.of("port", "ip6", "'host no.such.invalid'", "'('", "'port 70000'", "'net 1.2.3.4/33'")) {
            rows.add(recv("--filter", "--filter " + bad, "filter:"));
        }
        // A raw socket sees one protocol: a filter that can never match it is refused.
        rows.add(recv("--filter", "--filter 'port 53'", "can never match the default --proto icmp"));
        rows.add(recv("--filter", "-p tcp --filter udp", "can never match --proto tcp"));
        rows.add(recv("--filter", "-6 -p udp --filter icmp6", "can never match --proto udp"));
        number(rows, "recv", "--count", "", -1);
        for (String bad : List.of("-1s", "1x", "''", "1000000000h")) {
            rows.add(recvNoTimeout("--timeout", "-t " + bad, bad.equals("''") ? "--timeout" : bad));
        }
        for (String bad : List.of("xml", "''", "pcap-ng")) {
            rows.add(recv("--format", "-f " + bad, bad.equals("''") ? "--format" : bad));
        }
        rows.add(recv("-w", "-w - -f text", "-w -"));
        rows.add(recv("-w", "-w -", "-w -").stdoutOnTerminal());               // binary onto a terminal
        rows.add(recv("--format", "-f pcap", "-f pcap").stdoutOnTerminal());
        rows.add(recv("--format", "-w {missing}.pcap -f pcap", "-f pcap").stdoutOnTerminal());
        rows.add(recv("-w", "-w {dir}", "{dir}").exit(4));                  // output: an I/O error, as before
        rows.add(recv("-w", "-w {missing}/capture.pcap", "{missing}").exit(4));
        rows.add(recv("-w", "-w ''", "-w").exit(4));
        rows.add(recvConflict("--pcapng", "--pcapng -f json", "--pcapng"));
        rows.add(recvConflict("--pcapng", "--pcapng", "--pcapng"));
        offlineRows(rows);
        rotationRows(rows);
    }

    /** -C, -G, -W: sizes and periods out of range, -W alone, names that would repeat, no file to split. */
    private static void rotationRows(List<Row> rows) {
        for (String bad : List.of("0", "-1", "x", "''", "2T")) {
            rows.add(recv("-C", "-w cap.pcap -C " + bad, bad.equals("''") ? "-C" : "-C " + bad));
        }
        rows.add(recv("-C", "-C 1", "give -w FILE"));
        rows.add(recv("-C", "-w - -C 1", "give -w FILE"));
        for (String bad : List.of("0", "-5", "x")) {
            rows.add(recv("-G", "-w cap-%S.pcap -G " + bad, bad));
        }
        rows.add(recv("-G", "-w cap.pcap -G 10", "would repeat"));
        rows.add(recv("-G", "-w cap-%M.pcap -G 10", "would repeat"));
        rows.add(recv("-G", "-w cap-%Q.pcap -G 10", "%Q"));
        rows.add(recv("-W", "-w cap.pcap -W 3", "-W 3 needs -C"));
        rows.add(recv("-W", "-w cap.pcap -C 1 -W 0", "-W"));
        rows.add(recv("-W", "-w cap.pcap -C 1 -W x", "x"));
    }

    /** recv --read-pcap: unusable files, damaged captures (exit 4, after what came before) and live-only options. */
    private static void offlineRows(List<Row> rows) {
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap {missing}", "{missing}"));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap {dir}", "{dir}"));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap {unreadable}", "{unreadable}").needs(Need.NO_DAC));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap ''", "--read-pcap"));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap {notpcap}", "{notpcap}").exit(4));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap {shortpcap}", "{shortpcap}").exit(4));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap -", "--read-pcap -").exit(4).stdin("short-pcap"));
        // Damage after whole records: they are decoded first (none passes this filter, so stdout stays empty).
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap - --filter udp", "truncated record").exit(4)
                .stdin("truncated-pcap"));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap -", "not a multiple of 4").exit(4)
                .stdin("pcapng-odd-length"));
        rows.add(recvNoTimeout("--read-pcap", "--read-pcap -", "past the end").exit(4).stdin("pcapng-past-end"));
        rows.add(recvNoTimeout("--filter", "--read-pcap - --filter 'ether host 2:0:0:0:0:1'", "needs a link-layer capture")
                .stdin("truncated-pcap"));
        for (String live : List.of("-p udp", "-6", "--link", "--promisc", "--no-ring", "-I lo", "--buffer 1M", "-t 1s")) {
            String option = live.split(" ")[0];
            rows.add(new Row("recv", "--read-pcap", true, words("recv --read-pcap - " + live),
                    option.equals("-p") ? "--proto" : option.equals("-I") ? "--iface" : option.equals("-t")
                            ? "--timeout" : option));
        }
    }

    /** rawsock ifaces: formats it has not, names this host has not (checked before anything is printed). */
    private static void ifacesRows(List<Row> rows) {
        for (String bad : List.of("pcap", "hex", "pcapng", "bogus", "''")) {
            rows.add(new Row("ifaces", "--format", false, words("ifaces -f " + bad), bad.equals("''") ? "-f" : bad));
        }
        for (String bad : List.of("nosuch0", "'lo nosuch0'", "a/b", "abcdefghijklmnop")) {
            String name = bad.equals("'lo nosuch0'") ? "nosuch0" : bad;
            String line = bad.equals("'lo nosuch0'") ? "ifaces lo nosuch0" : "ifaces " + bad;
            rows.add(new Row("ifaces", "IFACE", false, words(line), "no such interface: " + name + " (this host has "));
        }
        rows.add(new Row("ifaces", "--format", true, words("ifaces -f json lo nosuch0"), "no such interface: nosuch0"));
    }

    private static void topRows(List<Row> rows) {
        rows.add(top("--user", "--user no-such-user-here send " + V4, "no-such-user-here"));
        rows.add(top("--user", "--user '' send " + V4, "--user"));
        rows.add(top("--user", "send " + V4 + " --user no-such-user-here", "no-such-user-here"));
        rows.add(top("--user", "--user no-such-user-here recv -t 100ms", "no-such-user-here"));
        rows.add(top("--user", "ifaces --user no-such-user-here", "no-such-user-here"));
    }

    /**
     * An option given as the last word, without its value, for every option that takes one: made
     * from the picocli model, so a new option gets its row here without anyone writing it.
     */
    static List<Row> missingValues() {
        List<Row> rows = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (OptionSpec option : command.options()) {
                if (option.arity().min() < 1 || option.inherited()) {
                    continue;
                }
                String name = command.name();
                String prefix = name.equals("rawsock") ? "" : name + " ";
                Row row = new Row(name, option.longestName(), false, words(prefix + option.longestName()),
                        option.longestName());
                row.generated = true;
                rows.add(row);
            }
        }
        return rows;
    }

    /** rawsock and every subcommand as picocli models them (the coverage guard walks these). */
    public static List<CommandSpec> commands() {
        Console console = new Console(java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(),
                new PrintWriter(new StringWriter()), () -> false);
        CommandSpec top = Rawsock.commandLine(console).getCommandSpec();
        List<CommandSpec> all = new ArrayList<>(List.of(top));
        top.subcommands().values().forEach(sub -> all.add(sub.getCommandSpec()));
        return all;
    }

    /** ARP fields need --link -p arp; VLAN tags need --link; both are checked before any frame leaves. */
    private static void arpAndVlanRows(List<Row> rows) {
        String link = "--link -I lo " + V4;
        String arp = "--link -I lo -p arp " + V4;
        number(rows, "--vlan", link, Vlan.MAX_VID);
        rows.add(send("--vlan", link + " --vlan 5,4096", "4096"));
        rows.add(send("--vlan", link + " --vlan 1,2,3", "--vlan has 3 ids; at most 2"));
        rows.add(send("--vlan", V4 + " --vlan 100", "--vlan needs --link"));
        rows.add(send("--vlan", "--link -I lo --stdin-hex --vlan 100", "--vlan does not apply to whole packets"));
        number(rows, "--vlan-prio", link + " --vlan 100", Vlan.MAX_PCP);
        rows.add(send("--vlan-prio", link + " --vlan-prio 3", "--vlan-prio needs --vlan"));
        rows.add(send("--vlan-prio", V4 + " --vlan-prio 3", "--vlan-prio needs --link"));
        for (String bad : List.of("bogus", "65536", "-1", "''")) {
            rows.add(send("--arp-op", arp + " --arp-op " + bad, bad.equals("''") ? "--arp-op" : bad));
        }
        rows.add(send("--arp-op", link + " --arp-op reply", "--arp-op applies to --link -p arp, not to --proto icmp"));
        rows.add(send("--arp-op", V4 + " -p udp --arp-op reply", "--arp-op applies to --link -p arp"));
        conflict(rows, "--wait", arp + " --arp-op reply --wait", "--wait matches replies to ARP requests");
        for (String option : List.of("--arp-sha", "--arp-tha")) {
            for (String bad : List.of("zz", "''", "00:11:22:33:44", "00:11:22:33:44:gg")) {
                rows.add(send(option, arp + " " + option + " " + bad, bad.equals("''") ? option : bad));
            }
            rows.add(send(option, link + " " + option + " 00:11:22:33:44:55", option + " applies to --link -p arp"));
        }
        for (String option : List.of("--arp-spa", "--arp-tpa")) {
            for (String bad : List.of("999.1.1.1", "1.2.3", "''")) {
                rows.add(send(option, arp + " " + option + " " + bad, bad.equals("''") ? option : bad));
            }
            rows.add(send(option, arp + " " + option + " ::1", option + " ::1 is IPv6"));
            rows.add(send(option, V4 + " " + option + " 127.0.0.2", option + " applies to --link -p arp"));
            rows.add(send(option, "--link -I lo --stdin-hex " + option + " 127.0.0.2", option + " does not apply"));
        }
        rows.add(send("--src", arp + " --src ::1", "--src ::1 is IPv6"));
    }

    private static Row send(String subject, String line, String named) {
        return new Row("send", subject, false, words("send " + line), named);
    }

    private static Row conflict(List<Row> rows, String subject, String line, String named) {
        Row row = new Row("send", subject, true, words("send " + line), named);
        rows.add(row);
        return row;
    }

    private static Row recv(String subject, String line, String named) {
        return recvNoTimeout(subject, line + " -t 100ms", named);
    }

    private static Row recvNoTimeout(String subject, String line, String named) {
        return new Row("recv", subject, false, words("recv " + line), named);
    }

    private static Row recvConflict(String subject, String line, String named) {
        return new Row("recv", subject, true, words("recv " + line + " -t 100ms"), named);
    }

    private static Row top(String subject, String line, String named) {
        return new Row("rawsock", subject, false, words(line), named);
    }

    private static void number(List<Row> rows, String option, String prefix, long max) {
        number(rows, "send", option, prefix, max);
    }

    /** Negative, one past {@code max} (none when max < 0: no upper bound), not a number, 0x junk, empty. */
    private static void number(List<Row> rows, String command, String option, String prefix, long max) {
        List<String> bad = new ArrayList<>(List.of("-1", "12abc", "0xzz", "''"));
        if (max >= 0) {
            bad.add(Long.toString(max + 1));
        }
        for (String value : bad) {
            String line = (prefix.isEmpty() ? "" : prefix + " ") + option + " " + value;
            String named = value.equals("''") ? option : value;
            rows.add(command.equals("send") ? send(option, line, named) : recv(option, line, named));
        }
    }

    /** Shell-like words: spaces separate, single quotes group ('' is an empty word). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** A pcap (link type RAW) of ICMP echo replies to 127.0.0.1, which no host answers. */
    static byte[] echoReplyPcap(int records) {
        ByteBuffer pcap = ByteBuffer.allocate(24 + records * (16 + 34)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        for (int i = 1; i <= records; i++) {
            pcap.putInt(1).putInt(i).putInt(34).putInt(34);
            pcap.order(java.nio.ByteOrder.BIG_ENDIAN);
            pcap.put((byte) 0x45).put((byte) 0).putShort((short) 34).putShort((short) i).putShort((short) 0)
                    .put((byte) 64).put((byte) 1).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                    .put(new byte[] {127, 0, 0, 1});
            pcap.put((byte) 0).put((byte) 0).putShort((short) 0).putShort((short) 0x4242).putShort((short) i)
                    .put("matrix".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            pcap.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        return pcap.array();
    }
}
