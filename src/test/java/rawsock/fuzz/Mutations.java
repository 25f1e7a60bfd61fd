package rawsock.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/**
 * Damage done to real packets and files: bit flips, byte overwrites, truncations, insertions,
 * deletions, and edits of length fields (the places a packet says how long it or a part of it
 * is). A mutation holds plain numbers that are taken modulo the current length when applied, so
 * any list of mutations applies to any bytes, and jqwik shrinks a failing list to few mutations
 * with small numbers.
 */
public final class Mutations {
    private Mutations() {
    }

    public enum Kind { FLIP_BIT, SET_BYTE, TRUNCATE, INSERT, DELETE, LENGTH }

    /** {@code where} picks the place, {@code value} the new value (or how many bytes), {@code insert} the bytes to insert. */
    public record Mutation(Kind kind, int where, int value, byte[] insert) {
        @Override
        public String toString() {
            return kind + "(where " + where + ", value " + value + (kind == Kind.INSERT ? ", " + Hexes.of(insert) : "") + ")";
        }
    }

    public static Arbitrary<Mutation> mutation() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, Kind.FLIP_BIT), net.jqwik.api.Tuple.of(2, Kind.SET_BYTE),
                net.jqwik.api.Tuple.of(2, Kind.TRUNCATE), net.jqwik.api.Tuple.of(1, Kind.INSERT),
                net.jqwik.api.Tuple.of(1, Kind.DELETE), net.jqwik.api.Tuple.of(3, Kind.LENGTH));
        // uniform, not jqwik's default bias towards small numbers: the place is taken modulo the
        // length, and small numbers would aim nearly every mutation at the first header
        Arbitrary<Integer> where = Arbitraries.integers().greaterOrEqual(0).withDistribution(RandomDistribution.uniform());
        Arbitrary<Integer> value = Arbitraries.integers().withDistribution(RandomDistribution.uniform());
        return Combinators.combine(kinds, where, value,
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12)).as(Mutation::new);
    }

    /** Flips 1 to 4 bits of {@code bytes} (not empty), each anywhere: the hostile-bytes tests' damage to real captures. */
    public static void flipBits(byte[] bytes, Random random) {
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    /** One to four mutations. */
    public static Arbitrary<List<Mutation>> mutations() {
        return mutation().list().ofMinSize(1).ofMaxSize(4);
    }

    /** {@code bytes} with the mutations applied in order (a new array; {@code bytes} is not changed). */
    public static byte[] apply(byte[] bytes, List<PacketGen.LengthField> fields, List<Mutation> mutations) {
        byte[] b = bytes.clone();
        for (Mutation m : mutations) {
            b = apply(b, fields, m);
        }
        return b;
    }

    static byte[] apply(byte[] b, List<PacketGen.LengthField> fields, Mutation m) {
        int n = b.length;
        switch (m.kind()) {
            case FLIP_BIT:
                if (n > 0) {
                    int bit = Math.floorMod(m.where(), n * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return b;
            case SET_BYTE:
                if (n > 0) {
                    b[Math.floorMod(m.where(), n)] = (byte) m.value();
                }
                return b;
            case TRUNCATE:
                return Arrays.copyOf(b, Math.floorMod(m.where(), n + 1));
            case INSERT: {
                int at = Math.floorMod(m.where(), n + 1);
                byte[] out = new byte[n + m.insert().length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(m.insert(), 0, out, at, m.insert().length);
                System.arraycopy(b, at, out, at + m.insert().length, n - at);
                return out;
            }
            case DELETE: {
                if (n == 0) {
                    return b;
                }
                int at = Math.floorMod(m.where(), n);
                int count = Math.min(n - at, 1 + Math.floorMod(m.value(), 16));
                byte[] out = new byte[n - count];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + count, out, at, n - at - count);
                return out;
            }
            case LENGTH:
            default:
                if (fields.isEmpty()) {
                    return b;
                }
                editLength(b, fields.get(Math.floorMod(m.where(), fields.size())), m.value());
                return b;
        }
    }

    /**
     * Sets a length field to a value chosen by {@code choice}: 0, 1, the field's maximum, values
     * near the current one (off by one, by a word, halved, doubled) or anything.
     */
    static void editLength(byte[] b, PacketGen.LengthField f, int choice) {
        int max;
        int current;
        switch (f.width()) {
            case U16:
                if (f.offset() + 2 > b.length) {
                    return;
                }
                max = 0xffff;
                current = ((b[f.offset()] & 0xff) << 8) | (b[f.offset() + 1] & 0xff);
                break;
            case BYTE:
                if (f.offset() >= b.length) {
                    return;
                }
                max = 0xff;
                current = b[f.offset()] & 0xff;
                break;
            case HIGH_NIBBLE:
                if (f.offset() >= b.length) {
                    return;
                }
                max = 0xf;
                current = (b[f.offset()] & 0xff) >>> 4;
                break;
            case LOW_NIBBLE:
            default:
                if (f.offset() >= b.length) {
                    return;
                }
                max = 0xf;
                current = b[f.offset()] & 0xf;
                break;
        }
        int[] candidates = {0, 1, max, current + 1, current - 1, current + 4, current - 4, current + 8, current - 8,
            current / 2, current * 2, choice >>> 8};
        int value = candidates[Math.floorMod(choice, candidates.length)] & max;
        switch (f.width()) {
            case U16:
                b[f.offset()] = (byte) (value >>> 8);
                b[f.offset() + 1] = (byte) value;
                break;
            case BYTE:
                b[f.offset()] = (byte) value;
                break;
            case HIGH_NIBBLE:
                b[f.offset()] = (byte) ((b[f.offset()] & 0x0f) | (value << 4));
                break;
            case LOW_NIBBLE:
            default:
                b[f.offset()] = (byte) ((b[f.offset()] & 0xf0) | value);
                break;
        }
    }
}
