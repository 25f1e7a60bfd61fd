package rawsock.packet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rawsock.text.Numbers;

/**
 * The message-type table of ICMP and of ICMPv6, which name their types and codes the same way:
 * a name per type for options and JSON, the words text output uses, other spellings accepted on
 * input only, and for some types names and words per code. {@link IcmpTypes} and
 * {@link Icmpv6Types} each fill one; the protocol's name is all their parse errors differ in.
 */
final class TypeNames {
    private final String protocol;
    private final String[] names = new String[256];
    private final String[] words = new String[256];
    private final String[][] codeNames = new String[256][];
    private final String[][] codeWords = new String[256][];
    private final Map<String, Integer> byName = new HashMap<>();
    /** The defined names in the order they were defined: the list a parse error offers. */
    private final List<String> defined = new ArrayList<>();

    /** @param protocol as error messages spell it: "ICMP", "ICMPv6" */
    TypeNames(String protocol) {
        this.protocol = protocol;
    }

    /** A type's name (output and input) and the words text output uses for it. */
    void define(int type, String name, String typeWords) {
        names[type] = name;
        words[type] = typeWords;
        byName.put(name, type);
        defined.add(name);
    }

    /** Another spelling of a type, accepted on input only. */
    void alias(String spelling, int type) {
        byName.put(spelling, type);
    }

    /** Names of the codes of {@code type}, code 0 first. */
    void codeNames(int type, String... codes) {
        codeNames[type] = codes;
    }

    /** Words for the codes of {@code type} in text output, code 0 first. */
    void codeWords(int type, String... codes) {
        codeWords[type] = codes;
    }

    /**
     * A type name (case-insensitive) or a number 0..255.
     *
     * @throws IllegalArgumentException naming the bad input and what is accepted
     */
    int parse(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty " + protocol + " type: use a name such as echo-request or 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber(protocol + " type", text);
        }
        Integer type = byName.get(text);
        if (type == null) {
            throw new IllegalArgumentException("unknown " + protocol + " type '" + nameOrNumber.trim()
                    + "': use 0..255 or one of " + String.join(", ", defined));
        }
        return type;
    }

    /** A code for {@code type}: a number 0..255, or one of the type's code names. */
    int parseCode(int type, String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isBlank()) {
            throw new IllegalArgumentException("empty " + protocol + " code: use 0..255");
        }
        String text = nameOrNumber.trim().toLowerCase(Locale.ROOT);
        if (text.matches("-?[0-9]+")) {
            return parseNumber(protocol + " code", text);
        }
        String[] codes = codes(codeNames, type);
        for (int i = 0; codes != null && i < codes.length; i++) {
            if (codes[i].equals(text)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown " + protocol + " code '" + nameOrNumber.trim() + "' for type "
                + name(type) + (codes == null ? ": use 0..255" : ": use 0..255 or one of " + String.join(", ", codes)));
    }

    /**
     * Decimal text already known to be digits (with an optional minus), as a number 0..255.
     *
     * @param what names the value in the error, e.g. "ICMP type"
     */
    static int parseNumber(String what, String text) {
        long number = Numbers.parseOrMinusOne(text, Numbers.DIGITS); // "-5" and overflow too give -1
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException(what + " " + text + " is out of range 0..255");
        }
        return (int) number;
    }

    /** The type's name, or the number as text when it has none (cached, so never allocating for 0..255). */
    String name(int type) {
        if (type < 0 || type > 255) {
            return Integer.toString(type);
        }
        return names[type] != null ? names[type] : IpProtocol.number(type);
    }

    /** The words for the type, or null. */
    String words(int type) {
        return type >= 0 && type <= 255 ? words[type] : null;
    }

    /** The code's name, or null when the type names no codes or not this one. */
    String codeName(int type, int code) {
        return at(codes(codeNames, type), code);
    }

    /** The words for the code, or null when the type has none for it. */
    String codeWords(int type, int code) {
        return at(codes(codeWords, type), code);
    }

    private static String[] codes(String[][] table, int type) {
        return type >= 0 && type <= 255 ? table[type] : null;
    }

    private static String at(String[] codes, int code) {
        return codes != null && code >= 0 && code < codes.length ? codes[code] : null;
    }
}
