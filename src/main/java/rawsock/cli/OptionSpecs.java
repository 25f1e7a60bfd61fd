package rawsock.cli;

import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shapes of option the programmatic models ({@link RawsockCommand}, {@link SendOptions}) are
 * built from. Programmatic, because picocli reads an annotated command through annotations, and
 * the JDK makes a proxy class for each annotation type it reads at run time (tens of milliseconds
 * of a one-shot send, which no class cache can keep). Each call builds new objects: an OptionSpec
 * belongs to the one command it is added to.
 */
final class OptionSpecs {
    /** picocli's name for the mixin of -h/--help and -V/--version. */
    static final String STANDARD_HELP = "mixinStandardHelpOptions";

    private OptionSpecs() {
    }

    /**
     * An option named {@code names}, with the empty description key and prompt an annotated
     * option has (so the model is the one annotations built, attribute for attribute).
     */
    static OptionSpec.Builder option(String... names) {
        return OptionSpec.builder(names).descriptionKey("").prompt("");
    }

    /**
     * An option without a value. {@code field} gives its label, "&lt;field&gt;", which picocli
     * prints in some errors ("option '--df' (&lt;dontFragment&gt;) should be specified only
     * once") and which used to be the annotated field's name.
     */
    static OptionSpec.Builder flag(String field, String... names) {
        return option(names).type(boolean.class).paramLabel("<" + field + ">").initialValue(false);
    }

    /** An option with a value kept as the text given. */
    static OptionSpec.Builder text(String label, String... names) {
        return option(names).type(String.class).paramLabel(label);
    }

    /** An option with a number (decimal, or hex with 0x) as {@link NumberConverter} reads it. */
    static OptionSpec.Builder number(String label, String... names) {
        return option(names).type(Long.class).paramLabel(label).converters(new NumberConverter());
    }

    /** A group of options that may be given together (exclusive = false) or one at most (true). */
    static ArgGroupSpec group(boolean exclusive, OptionSpec... options) {
        ArgGroupSpec.Builder group = ArgGroupSpec.builder().exclusive(exclusive).multiplicity("0..1");
        for (OptionSpec option : options) {
            group.addArg(option);
        }
        return group.build();
    }

    /** -h/--help and -V/--version, as picocli's mixinStandardHelpOptions adds them (last, as it does). */
    static void addStandardHelp(CommandSpec command) {
        CommandSpec mixin = CommandSpec.create();
        mixin.addOption(flag("helpRequested", "-h", "--help").usageHelp(true)
                .descriptionKey(STANDARD_HELP + ".help").description("Show this help message and exit.").build());
        mixin.addOption(flag("versionRequested", "-V", "--version").versionHelp(true)
                .descriptionKey(STANDARD_HELP + ".version").description("Print version information and exit.").build());
        command.addMixin(STANDARD_HELP, mixin);
    }
}
