package rawsock.output;

import java.util.Locale;

/** The formats {@code recv -f} knows; {@code -w FILE} writes {@link #PCAP} or {@link #PCAPNG}. */
public enum OutputFormat {
    /** One human-readable line per packet, timestamp first. */
    TEXT(false),
    /** One line of lowercase hex per packet: the captured bytes from the first header. */
    HEX(false),
    /** One JSON object per line (NDJSON). */
    JSON(false),
    /** Classic pcap with nanosecond timestamps. */
    PCAP(true),
    /** pcapng: interfaces by name, direction, nanosecond timestamps, drop statistics. */
    PCAPNG(true);

    private final boolean binary;

    OutputFormat(boolean binary) {
        this.binary = binary;
    }

    /** Bytes for programs, not lines for people: refused when stdout is a terminal. */
    public boolean binary() {
        return binary;
    }

    /**
     * Parses a format name, ignoring case.
     *
     * @throws IllegalArgumentException for null or an unknown name, with a message that can be
     *     shown to the user as it is
     */
    public static OutputFormat parse(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "text":
                    return TEXT;
                case "hex":
                    return HEX;
                case "json":
                    return JSON;
                case "pcap":
                    return PCAP;
                case "pcapng":
                    return PCAPNG;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "unknown format '" + name + "' (expected text, hex, json, pcap or pcapng)");
    }

    /** The lowercase name the command line uses. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
