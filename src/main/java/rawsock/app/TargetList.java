package rawsock.app;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/**
 * The destinations of a run: the items of --dst and --dst-file in the order given, each
 * expanded in ascending order when asked for an index. Nothing is listed in memory beyond the
 * items themselves. More than 2^63 - 1 targets (an IPv6 /64 and wider) are indexed up to that
 * many: more than any run can send.
 */
public final class TargetList {
    private final List<TargetBlock> blocks;
    /** starts[k]: index of block k's first address, saturated at Long.MAX_VALUE. */
    private final long[] starts;
    private final long size;
    private final BigInteger exactSize;

    public TargetList(List<TargetBlock> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no targets");
        }
        this.blocks = List.copyOf(blocks);
        this.starts = new long[blocks.size()];
        BigInteger total = BigInteger.ZERO;
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        for (int k = 0; k < blocks.size(); k++) {
            starts[k] = total.min(max).longValueExact();
            total = total.add(blocks.get(k).size());
        }
        this.exactSize = total;
        this.size = total.min(max).longValueExact();
    }

    public static TargetList of(InetAddress address) {
        return new TargetList(List.of(TargetBlock.single(address)));
    }

    /** Targets, saturated at Long.MAX_VALUE. */
    public long size() {
        return size;
    }

    /** Targets, exactly (what -v reports). */
    public BigInteger exactSize() {
        return exactSize;
    }

    /** Target number {@code index} (0-based, below {@link #size}). */
    public InetAddress get(long index) {
        int k = ValueList.rangeOf(starts, index);
        return blocks.get(k).get(BigInteger.valueOf(index - starts[k]));
    }

    public InetAddress first() {
        return get(0);
    }

    /** True when every target is IPv6 (the list never mixes families: the command line refused it). */
    public boolean ipv6() {
        return blocks.get(0).ipv6();
    }
}
