package rawsock.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The values a header field takes over a run ({@code --dport 22,80,8000-8100}, {@code --ttl 1-30}):
 * inclusive ranges in the order given, indexed arithmetically, so no range is ever expanded into
 * a list. Values may repeat when the user lists them twice; each listing is a probe.
 */
public final class ValueList {
    private final int[] low;
    private final int[] high;
    /** starts[k]: the index of range k's first value. */
    private final long[] starts;
    private final long size;

    /** @param ranges pairs {low, high}, each low <= high (the command line checked) */
    public ValueList(List<int[]> ranges) {
        int n = ranges.size();
        low = new int[n];
        high = new int[n];
        starts = new long[n];
        long total = 0;
        for (int k = 0; k < n; k++) {
            low[k] = ranges.get(k)[0];
            high[k] = ranges.get(k)[1];
            starts[k] = total;
            total += (long) high[k] - low[k] + 1;
        }
        size = total;
    }

    /** A list of one value. */
    public static ValueList of(int value) {
        List<int[]> one = new ArrayList<>();
        one.add(new int[] {value, value});
        return new ValueList(one);
    }

    public long size() {
        return size;
    }

    /** Value number {@code index} (0-based) in the order given. */
    public int get(long index) {
        int k = rangeOf(starts, index);
        return (int) (low[k] + (index - starts[k]));
    }

    /**
     * The range holding {@code index}, given each range's first index in ascending order; of
     * equal starts (empty or saturated ranges) the first, which holds it.
     */
    static int rangeOf(long[] starts, long index) {
        int k = java.util.Arrays.binarySearch(starts, index);
        if (k < 0) {
            k = -k - 2;
        }
        while (k > 0 && starts[k - 1] == starts[k]) {
            k--;
        }
        return k;
    }

    /** Ranges in the list, as given. */
    public int ranges() {
        return low.length;
    }

    public int low(int range) {
        return low[range];
    }

    public int high(int range) {
        return high[range];
    }

    public int first() {
        return low[0];
    }

    /** True when the list holds more than one value: the field then varies between probes. */
    public boolean varies() {
        return size > 1;
    }
}
