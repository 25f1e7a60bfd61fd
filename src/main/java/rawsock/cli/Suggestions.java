package rawsock.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * "Did you mean --dport?" for a mistyped option or subcommand. picocli's own suggestions compare
 * letter pairs, which finds nothing for the commonest typo, two letters swapped ("sned",
 * "--dprot"); this compares by edit distance with transpositions (Damerau-Levenshtein, restricted).
 */
final class Suggestions {
    private Suggestions() {
    }

    /** The line to print after picocli's message, or null when nothing is close enough. */
    static String didYouMean(UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return null;
        }
        String typed = unmatched.get(0);
        CommandLine command = e.getCommandLine();
        Set<String> candidates = new LinkedHashSet<>();
        if (typed.startsWith("-")) {
            int equals = typed.indexOf('=');
            typed = equals > 0 ? typed.substring(0, equals) : typed;
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!option.hidden()) {
                    candidates.addAll(List.of(option.names()));
                }
            }
        } else {
            candidates.addAll(command.getSubcommands().keySet());
        }
        List<String> best = closest(typed, candidates);
        return best.isEmpty() ? null : "Did you mean " + String.join(" or ", best) + "?";
    }

    /** The candidates nearest to {@code typed}, at most 3, when near enough to be a typo of it. */
    static List<String> closest(String typed, Iterable<String> candidates) {
        String word = typed.replaceFirst("^-+", "");
        int limit = word.length() <= 3 ? 1 : word.length() <= 6 ? 2 : 3;
        int bestDistance = Integer.MAX_VALUE;
        List<String> best = new ArrayList<>();
        for (String candidate : candidates) {
            String name = candidate.replaceFirst("^-+", "");
            if (name.length() < 2 || (typed.startsWith("--") != candidate.startsWith("--") && typed.startsWith("-"))) {
                continue; // a one-letter option is near anything; -x and --x are different spellings
            }
            int distance = distance(word, name);
            if (distance > limit || distance > bestDistance) {
                continue;
            }
            if (distance < bestDistance) {
                best.clear();
                bestDistance = distance;
            }
            if (best.size() < 3) {
                best.add(candidate);
            }
        }
        return best;
    }

    /** Edits (insert, delete, substitute, swap two neighbours) turning a into b. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
