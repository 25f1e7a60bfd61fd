package rawsock.text;

/**
 * What a decimal written with a leading zero ({@code 010}, {@code 010.0.0.1}) means. Tools
 * disagree, so every caller of {@link Numbers} and {@link DottedQuads} states its rule.
 */
public enum LeadingZero {
    /** Zeros in front change nothing: 010 is ten (ping -c 010, hping3 and ip read it so). */
    DECIMAL,
    /**
     * Refused: strtol(..., 0), inet_aton and libpcap read 010 as octal eight, and inet_pton
     * refuses it; text that means ten to one tool and eight to another is ambiguous.
     */
    REFUSED
}
