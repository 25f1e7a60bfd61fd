package rawsock.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import rawsock.app.Interrupts;
import rawsock.app.SendJob;
import rawsock.app.SendSpec;

/**
 * {@code rawsock send}: its model ({@link SendOptions}, built with picocli's programmatic API, so a
 * one-shot send reads no annotation) and its wiring: {@link SendRequestReader} turns the parse
 * result into a validated {@link SendSpec}, then a {@link SendJob} runs it.
 */
public final class SendCommand implements Callable<Integer> {
    private final RawsockCommand parent;
    private final SendOptions options = new SendOptions();
    private final CommandSpec spec;

    SendCommand(RawsockCommand parent) {
        this.parent = parent;
        spec = CommandSpec.wrapWithoutInspection(this).name("send");
        spec.usageMessage().sortOptions(false).autoWidth(true)
                .description("Send hand-built packets (or whole packets from stdin or a pcap) to one destination.",
                        "Without --src the kernel writes the IP header; --src, --hdrincl, --id, --mf, --frag-offset, "
                                + "--ip-options and --flow-label make rawsock write it (IP_HDRINCL / IPV6_HDRINCL).")
                .footerHeading("%nExamples:%n")
                .footer("  sudo rawsock send --proto icmp --dst 127.0.0.1 --count 3 --interval 200ms",
                        "  sudo rawsock send -p udp -d 127.0.0.1 --src 127.0.0.9 --sport 5353 --dport 9999 --data hi",
                        "  sudo rawsock send -p tcp -d 127.0.0.1 --dport 80 --flags S --tcp-options 020405b4",
                        "  sudo rawsock recv -f hex -c 1 | sudo rawsock send --stdin-hex --fix-checksums");
        options.addTo(spec);
        OptionSpecs.addStandardHelp(spec);
    }

    /** The model of this command, to add to the top-level one. */
    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws IOException {
        SendSpec request = toSpec();
        return new SendJob(request, parent.console().in(), parent.console().out(), parent.console().err(),
                parent.console().stderrIsTerminal() && !request.quiet, Interrupts.install()).run();
    }

    /** Validates every option of the command line parsed and builds the spec, before anything is sent. */
    SendSpec toSpec() throws IOException {
        return new SendRequestReader(options, spec.commandLine().getParseResult(), parent).read();
    }
}
