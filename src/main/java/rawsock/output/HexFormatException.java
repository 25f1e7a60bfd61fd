package rawsock.output;

import java.io.IOException;

/** A line of {@code --stdin-hex} input that is not a packet; names the line and column. */
public final class HexFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final long column;

    public HexFormatException(long line, long column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** 1-based line number. */
    public long line() {
        return line;
    }

    /** 1-based column (in bytes) of the first bad character. */
    public long column() {
        return column;
    }
}
