package rawsock.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into tokens that remember where they start. A word is a run of
 * letters, digits and {@code . : / -} (so {@code 10.0.0.0/8}, {@code fe80::1}, {@code 1000-2000}
 * and MAC addresses are single words); {@code ( ) ! && ||} are tokens of their own.
 */
final class Lexer {
    enum Kind { WORD, LPAREN, RPAREN, BANG, AMPAMP, BARBAR, END }

    static final class Token {
        final Kind kind;
        final String text;
        final int pos;

        Token(Kind kind, String text, int pos) {
            this.kind = kind;
            this.text = text;
            this.pos = pos;
        }

        boolean isWord(String w) {
            return kind == Kind.WORD && text.equals(w);
        }

        @Override
        public String toString() {
            return kind + "'" + text + "'@" + pos;
        }
    }

    private Lexer() {
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == ':' || c == '/' || c == '-' || c == '_';
    }

    static List<Token> tokenize(String s) throws FilterSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            switch (c) {
                case '(':
                    out.add(new Token(Kind.LPAREN, "(", start));
                    i++;
                    continue;
                case ')':
                    out.add(new Token(Kind.RPAREN, ")", start));
                    i++;
                    continue;
                case '!':
                    if (i + 1 < n && s.charAt(i + 1) == '=') {
                        throw unsupported(s, start, 2);
                    }
                    out.add(new Token(Kind.BANG, "!", start));
                    i++;
                    continue;
                case '&':
                case '|':
                    if (i + 1 < n && s.charAt(i + 1) == c) {
                        out.add(new Token(c == '&' ? Kind.AMPAMP : Kind.BARBAR, s.substring(i, i + 2), start));
                        i += 2;
                        continue;
                    }
                    throw unsupported(s, start, 1);
                default:
                    break;
            }
            if (c == '\\' && i + 1 < n && isWordChar(s.charAt(i + 1))) {
                i++; // tcpdump's escape for protocol names used as values: "ip proto \tcp"
            } else if (!isWordChar(c)) {
                throw unsupported(s, start, Character.charCount(s.codePointAt(start)));
            }
            while (i < n && isWordChar(s.charAt(i))) {
                i++;
            }
            out.add(new Token(Kind.WORD, s.substring(start, i), start));
        }
        out.add(new Token(Kind.END, "", n));
        return out;
    }

    private static FilterSyntaxException unsupported(String s, int pos, int len) {
        String tok = s.substring(pos, Math.min(s.length(), pos + len));
        return new FilterSyntaxException("unexpected character (packet-data expressions such as"
                + " 'ip[0] & 0xf != 0' are not supported)", pos, tok);
    }
}
