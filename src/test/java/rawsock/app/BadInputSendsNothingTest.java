package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.CliRun;
import rawsock.testing.RequiresRoot;
import rawsock.testing.Tcpdump;

/**
 * As root, where a socket could really be opened: every refused command line leaves no packet on
 * the wire. tcpdump watches an address nothing else uses; a last, valid send proves it would
 * have seen one.
 */
@RequiresRoot
class BadInputSendsNothingTest {
    private static final String WATCHED = "127.0.0.77";

    private static final List<String> BAD = List.of(
            "send -d 127.0.0.77 --ttl 256",
            "send -d 127.0.0.77 --tos 300",
            "send -d 127.0.0.77 -p udp --dport 70000",
            "send -d 127.0.0.77 --id 65536",
            "send -d 127.0.0.77 --frag-offset 8192",
            "send -d 127.0.0.77 --interval -1s",
            "send -d 127.0.0.77 --hex zz",
            "send -d 127.0.0.77 --data a --hex 00",
            "send -d 127.0.0.77 --flood --interval 1ms",
            "send -d 127.0.0.77 -p udp --size 65535",
            "send -d 127.0.0.77 -p tcp --flags SXZ",
            "send -d 127.0.0.77 -p udp --flags S",
            "send -d 127.0.0.77 --flow-label 5",
            "send -d 127.0.0.77 --wait --flood",
            "send -d 127.0.0.77 --wait=2h",
            "send -d 127.0.0.77 --file /nonexistent/payload",
            "send -d 127.0.0.77 --ip-options " + "01".repeat(41),
            "send -d 127.0.0.77 --user no-such-user-here",
            "send -d 127.0.0.77 -p bogus",
            "send --link -d 127.0.0.77",
            "send --link -I lo -d 127.0.0.77 --dst-mac zz");

    @Test
    void refusedCommandLinesSendNothing() throws Exception {
        try (Tcpdump tcpdump = Tcpdump.start("lo", "host " + WATCHED)) {
            for (String args : BAD) {
                CliRun run = CliRun.run(args.split(" "));
                assertEquals(2, run.status, args + ": " + run);
            }
            // The control: a valid send to the same address is seen, so silence above means something.
            CliRun valid = CliRun.run("send", "-q", "-p", "udp", "-d", WATCHED, "--dport", "9", "--data", "control");
            assertEquals(0, valid.status, valid.toString());
            List<String> lines = tcpdump.awaitLines("udp port 9 unreachable", 1, 5000);
            // Two packets in all (lines starting with a timestamp): the control and the kernel's
            // port unreachable for it. Any refused command that leaked would add more.
            List<String> packets = lines.stream().filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).toList();
            assertEquals(2, packets.size(), String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains(" > " + WATCHED + ".9: UDP, length 7")),
                    String.join("\n", lines));
        }
    }
}
