package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rawsock.testing.CliRun;

/**
 * The command-line contract without privileges: bad input gives exit 2 and one line on stderr
 * naming the value, before any socket is opened (so these pass without root, where a socket
 * would fail with exit 3).
 */
class CommandLineTest {
    @Test
    void versionGoesToStdoutAndExitsZero() {
        CliRun run = CliRun.run("--version");
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().startsWith("rawsock "), run.toString());
        // Built from a git checkout, the version names the commit.
        boolean checkout = java.nio.file.Files.exists(java.nio.file.Path.of(".git"));
        assertTrue(run.out().strip().matches("rawsock \\S+" + (checkout ? " \\([0-9a-f]{12}\\)" : "")), run.out());
    }

    @Test
    void helpListsBothCommandsAndTheExitStatuses() {
        CliRun run = CliRun.run("--help");
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out().contains("send"), run.out());
        assertTrue(run.out().contains("recv"), run.out());
        assertTrue(run.out().contains("permission denied"), run.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.run();
        assertEquals(2, run.status, run.toString());
        assertEquals(0, run.stdout.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "send --proto icmp|--dst is required",
        "send --dst 127.0.0.1 --proto bogus|bogus",
        "send --dst 1.2.3.999|1.2.3.999",
        "send --dst 127.0.0.1 --ttl 256|--ttl 256",
        "send --dst 127.0.0.1 --tos 300|--tos 300",
        "send --dst 127.0.0.1 -p udp --dport 70000|--dport 70000",
        "send --dst 127.0.0.1 -p udp --sport -1|--sport -1",
        "send --dst 127.0.0.1 --id 65536|--id 65536",
        "send --dst 127.0.0.1 --frag-offset 8192|--frag-offset 8192",
        "send --dst 127.0.0.1 --interval -1s|-1s",
        "send --dst 127.0.0.1 --interval 5 parsecs|parsecs",
        "send --dst 127.0.0.1 --hex zz|zz",
        "send --dst 127.0.0.1 --hex abc|odd number",
        "send --dst 127.0.0.1 --ip-options 0101010101010101010101010101010101010101010101010101010101010101010101010101010101|--ip-options has 41 bytes",
        "send --dst 127.0.0.1 -p tcp --tcp-options 0g|--tcp-options",
        "send --dst 127.0.0.1 --data a --hex 00|mutually exclusive",
        "send --dst 127.0.0.1 --flood --interval 1ms|--flood",
        "send --dst 127.0.0.1 --rate 0|--rate 0",
        "send --stdin-hex --ttl 5|--ttl",
        "send --stdin-hex --read-pcap x.pcap|mutually exclusive",
        "send --dst 127.0.0.1 -p tcp --flags SXZ|X",
        "send --dst 127.0.0.1 --icmp-type nonsense|nonsense",
        "send --dst 127.0.0.1 -p udp --size 65535|65535",
        "send --dst 127.0.0.1 --count -3|--count -3",
        "send --dst 127.0.0.1 --file /nonexistent/payload|/nonexistent/payload",
        "send --dst 127.0.0.1 --timing original|--timing",
        "send --dst 127.0.0.1 --no-such-option|--no-such-option",
        "send -d ::1 --df|--df is an IPv4 header field",
        "send -d ::1 --id 5|--id is an IPv4 header field",
        "send -d ::1 --frag-offset 1|--frag-offset",
        "send -d ::1 --ip-options 01|--ip-options",
        "send -d ::1 -p igmp|igmp is IPv4 only",
        "send -d 127.0.0.1 --flow-label 5|--flow-label is an IPv6 field",
        "send -d ::1 --flow-label 0x100000|--flow-label 1048576",
        "send -6 -d 127.0.0.1|-6",
        "send -d 127.0.0.1 -p icmp6|icmp6 needs IPv6",
        "send -d ::1 --src 127.0.0.1|--src 127.0.0.1 is IPv4",
        "send -d 127.0.0.1 -p udp --flags S|--flags applies to tcp",
        "send -d 127.0.0.1 -p tcp --icmp-type 3|--icmp-type applies to icmp",
        "send -d 127.0.0.1 --dport 80|--dport applies to udp and tcp",
        "send --link -d 127.0.0.1|--link needs -I IFACE",
        "send --link -I lo -d 127.0.0.1 --dst-mac zz:zz|zz:zz",
        "send --link -I lo -d 127.0.0.1 --ethertype 70000|--ethertype 70000",
        "send -d 127.0.0.1 --dst-mac 00:11:22:33:44:55|--dst-mac needs --link",
        "send --link -I lo -p arp -d 127.0.0.1 --ttl 3|--ttl does not apply to --proto arp",
        "send --link -I lo --stdin-hex -d 127.0.0.1|--dst does not apply",
        "recv --link -6|--link",
        "recv --promisc|--promisc needs --link",
        "recv --link --promisc|--promisc needs -I",
        "recv --no-ring|--no-ring needs --link",
        "recv --link -p udp|--proto does not apply to --link",
        "recv -p icmp6|icmp6 needs IPv6",
        "recv --filter 'port'|filter:",
        "recv --filter ip6|filter:",
        "send -d 127.0.0.1 --wait --flood|--flood",
        "send --stdin-hex --wait|--stdin-hex",
        "send -d 127.0.0.1 --wait=2h|longer than an hour",
        "send -d 127.0.0.1 --wait=-1s|-1s",
        "send -d 127.0.0.1 -f json|-f applies to the replies of --wait",
        "send -d 127.0.0.1 --wait -f xml|-f 'xml'",
        "send -d 127.0.0.1 -p igmp --wait|--wait matches replies",
        "send --link -I lo -p arp -d 127.0.0.1 --wait|--wait does not apply to --link",
        "recv --format xml|xml",
        "recv --proto raw|raw",
        "recv --snaplen 0|--snaplen 0",
        "recv --timeout 1x|1x",
        "recv -w - -f text|-w -"})
    void badInputIsOneLineAndExitTwo(String args, String named) {
        CliRun run = CliRun.run(args.split(" "));
        assertEquals(2, run.status, run.toString());
        assertEquals(0, run.stdout.length, "nothing on stdout: " + run);
        String[] lines = run.stderr.strip().split("\n");
        assertEquals(1, lines.length, "one line: " + run.stderr);
        assertTrue(lines[0].startsWith("rawsock"), run.stderr);
        assertTrue(run.stderr.contains(named), "names '" + named + "': " + run.stderr);
        assertFalse(run.stderr.contains("\tat "), "no stack trace: " + run.stderr);
    }

    @Test
    void quietIsAcceptedBeforeAndAfterTheSubcommand() {
        // An out-of-range TTL stops both runs after parsing: -q itself must parse in both places.
        CliRun before = CliRun.run("-q", "send", "--dst", "127.0.0.1", "--ttl", "999");
        CliRun after = CliRun.run("send", "--dst", "127.0.0.1", "--ttl", "999", "-q");
        CliRun verbose = CliRun.run("send", "-vv", "--dst", "127.0.0.1", "--ttl", "999");
        assertEquals(2, before.status, before.toString());
        assertEquals(2, after.status, after.toString());
        assertEquals(2, verbose.status, verbose.toString());
    }

    @Test
    void unwritableCaptureFileIsExitFourBeforeAnySocket() {
        CliRun run = CliRun.run("recv", "-w", "/nonexistent-dir/capture.pcap", "-c", "1");
        assertEquals(4, run.status, run.toString());
        assertTrue(run.stderr.contains("/nonexistent-dir/capture.pcap"), run.stderr);
        assertEquals(1, run.stderr.strip().split("\n").length, run.stderr);
    }
}
