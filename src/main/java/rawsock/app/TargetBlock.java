package rawsock.app;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One item of a target list, expanded on demand: a single address, a CIDR block (network and
 * broadcast addresses included, as nping does) or an IPv4 octet range ({@code 10.9.1-2.1-20}).
 * Addresses are computed from their index; a block of 2^64 addresses is as cheap as one.
 */
public abstract class TargetBlock {
    /** Addresses in the block, exact (an IPv6 /0 has 2^128). */
    public abstract BigInteger size();

    /** Address number {@code index} (0-based, below {@link #size}) in ascending order. */
    public abstract InetAddress get(BigInteger index);

    /** True for IPv6 blocks. */
    public abstract boolean ipv6();

    /** One resolved address. */
    public static TargetBlock single(InetAddress address) {
        return new Cidr(address.getAddress(), address.getAddress().length * 8);
    }

    /** {@code address/prefix}: every address sharing the first {@code prefix} bits, low to high. */
    public static TargetBlock cidr(InetAddress address, int prefix) {
        return new Cidr(address.getAddress(), prefix);
    }

    /** An IPv4 address whose octets each run over {@code low[k]..high[k]}; the last octet varies fastest. */
    public static TargetBlock octets(int[] low, int[] high) {
        return new Octets(low.clone(), high.clone());
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static final class Cidr extends TargetBlock {
        private final BigInteger base;
        private final BigInteger size;
        private final int length;

        Cidr(byte[] address, int prefix) {
            length = address.length;
            int hostBits = length * 8 - prefix;
            BigInteger value = new BigInteger(1, address);
            base = value.shiftRight(hostBits).shiftLeft(hostBits);
            size = BigInteger.ONE.shiftLeft(hostBits);
        }

        @Override
        public BigInteger size() {
            return size;
        }

        @Override
        public InetAddress get(BigInteger index) {
            byte[] raw = base.add(index).toByteArray();
            byte[] bytes = new byte[length];
            int copy = Math.min(raw.length, length);
            System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
            return address(bytes);
        }

        @Override
        public boolean ipv6() {
            return length == 16;
        }
    }

    private static final class Octets extends TargetBlock {
        private final int[] low;
        private final int[] high;

        Octets(int[] low, int[] high) {
            this.low = low;
            this.high = high;
        }

        @Override
        public BigInteger size() {
            long n = 1;
            for (int k = 0; k < 4; k++) {
                n *= high[k] - low[k] + 1;
            }
            return BigInteger.valueOf(n);
        }

        @Override
        public InetAddress get(BigInteger index) {
            long rest = index.longValueExact();
            byte[] bytes = new byte[4];
            for (int k = 3; k >= 0; k--) {
                int span = high[k] - low[k] + 1;
                bytes[k] = (byte) (low[k] + rest % span);
                rest /= span;
            }
            return address(bytes);
        }

        @Override
        public boolean ipv6() {
            return false;
        }
    }
}
