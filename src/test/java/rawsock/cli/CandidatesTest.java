package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.testing.CommandModel;

/**
 * Every value that shell completion offers (an option's completionCandidates) is one the command
 * takes: parsed and validated into a spec, as before anything is opened.
 */
class CandidatesTest {
    @Test
    void everyCandidateIsAccepted() {
        int checked = 0;
        for (CommandLine command : CommandModel.commands()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.completionCandidates() == null) {
                    continue;
                }
                for (String value : option.completionCandidates()) {
                    List<String> args = new ArrayList<>(context(command.getCommandName(), option.longestName(), value));
                    args.add(option.longestName());
                    args.add(value);
                    assertDoesNotThrow(() -> validate(args), String.join(" ", args));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 20, "candidates checked: " + checked);
    }

    /** The other options a value needs to make sense (arp is link-layer, --format is for --wait ...). */
    private static List<String> context(String command, String option, String value) {
        if (command.equals("recv")) {
            return value.equals("icmp6") ? List.of("recv", "-6") : List.of("recv");
        }
        switch (option) {
            case "--proto":
                return value.equals("arp") ? List.of("send", "--link", "-I", "lo", "-d", "127.0.0.1")
                        : List.of("send", "-d", value.equals("icmp6") ? "::1" : "127.0.0.1");
            case "--arp-op":
                return List.of("send", "--link", "-I", "lo", "-p", "arp", "-d", "127.0.0.1");
            case "--format":
                return List.of("send", "-d", "127.0.0.1", "--wait");
            case "--timing":
                return List.of("send", "--read-pcap", "-");
            default:
                throw new AssertionError("no context for " + command + " " + option);
        }
    }

    private static void validate(List<String> args) throws Exception {
        CommandLine root = CommandModel.commands().get(0);
        CommandLine.ParseResult result = root.parseArgs(args.toArray(new String[0]));
        Object command = result.subcommand().commandSpec().userObject();
        if (command instanceof SendCommand) {
            ((SendCommand) command).toSpec();
        } else {
            ((RecvCommand) command).toSpec();
        }
    }
}
