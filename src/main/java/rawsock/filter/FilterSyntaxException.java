package rawsock.filter;

/**
 * A filter expression that cannot be compiled. The message is one line that a command line tool
 * can print as it is, e.g. {@code filter: expected a port number after 'port' at column 12: 'foo'}.
 */
public final class FilterSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String token;

    /**
     * @param what     what is wrong, without the "filter: " prefix or the location
     * @param position 0-based index of the offending token in the expression; the expression's
     *                 length when the expression ended too early
     * @param token    the offending token's text; empty at the end of the expression
     */
    FilterSyntaxException(String what, int position, String token) {
        super(format(what, position, token));
        this.position = position;
        this.token = token;
    }

    /** A problem with the expression as a whole (e.g. too long), reported at position 0. */
    FilterSyntaxException(String what) {
        super("filter: " + what);
        this.position = 0;
        this.token = "";
    }

    private static String format(String what, int position, String token) {
        if (token.isEmpty()) {
            return "filter: " + what + " at end of expression";
        }
        return "filter: " + what + " at column " + (position + 1) + ": '" + printable(token) + "'";
    }

    /** Keeps the message on one line whatever the user typed. */
    private static String printable(String s) {
        if (s.length() > 60) {
            s = s.substring(0, 57) + "...";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** 0-based character index of the offending token (the expression's length at its end). */
    public int position() {
        return position;
    }

    /** The offending token as written; empty when the expression ended too early. */
    public String token() {
        return token;
    }
}
