package rawsock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rawsock.app.TargetList;
import rawsock.app.UsageException;
import rawsock.app.ValueList;

/** --dst items and --dst-file, and the value lists of --dport/--sport/--ttl: parsed, expanded, refused. */
class TargetListParsingTest {
    private static TargetList targets(String text) {
        TargetOption option = new TargetOption(false);
        option.addList("--dst", text);
        return option.build();
    }

    private static List<String> all(TargetList list) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < list.size(); i++) {
            out.add(list.get(i).getHostAddress());
        }
        return out;
    }

    @Test
    void aCidrBlockHoldsItsNetworkAndBroadcastAddressesInOrder() {
        assertEquals(List.of("10.9.0.0", "10.9.0.1", "10.9.0.2", "10.9.0.3"), all(targets("10.9.0.2/30")));
        assertEquals(List.of("fd99:0:0:0:0:0:0:0", "fd99:0:0:0:0:0:0:1"), all(targets("fd99::1/127")));
        assertEquals(1, targets("10.9.0.7/32").size());
    }

    @Test
    void octetRangesVaryTheLastOctetFastest() {
        assertEquals(List.of("10.9.1.1", "10.9.1.2", "10.9.2.1", "10.9.2.2"), all(targets("10.9.1-2.1-2")));
        assertEquals(20, targets("10.9.0.1-20").size());
    }

    @Test
    void itemsMixInTheOrderGiven() {
        assertEquals(List.of("127.0.0.5", "10.0.0.0", "10.0.0.1", "10.0.1.3", "10.0.1.4"),
                all(targets("127.0.0.5,10.0.0.0/31,10.0.1.3-4")));
    }

    @Test
    void hugeBlocksAreIndexedNotListed() {
        TargetList v6 = targets("fd99::/64");
        assertEquals(BigInteger.ONE.shiftLeft(64), v6.exactSize());
        assertEquals(Long.MAX_VALUE, v6.size());
        assertEquals("fd99:0:0:0:0:0:ffff:ffff", v6.get(0xffffffffL).getHostAddress());
        TargetList v4 = targets("10.0.0.0/8,127.0.0.1");
        assertEquals((1L << 24) + 1, v4.size());
        assertEquals("127.0.0.1", v4.get(1L << 24).getHostAddress());
        assertEquals("10.255.255.255", v4.get((1L << 24) - 1).getHostAddress());
    }

    @Test
    void aDstFileTakesOneItemPerLineWithComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("targets");
        Files.writeString(file, "# lab\n127.0.0.1  # first\n\n10.0.0.0/31\n");
        TargetOption option = new TargetOption(false);
        option.addFile(file.toString(), InputStreamNone.INSTANCE);
        assertEquals(List.of("127.0.0.1", "10.0.0.0", "10.0.0.1"), all(option.build()));
        TargetOption stdin = new TargetOption(false);
        stdin.addFile("-", new ByteArrayInputStream("127.0.0.9\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("127.0.0.9"), all(stdin.build()));
    }

    @Test
    void badFileLinesNameTheirLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("targets");
        Files.writeString(file, "127.0.0.1\n# ok\n10.0.0.0/40\n");
        UsageException e = assertThrows(UsageException.class,
                () -> new TargetOption(false).addFile(file.toString(), InputStreamNone.INSTANCE));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("10.0.0.0/40"), e.getMessage());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing\n\n");
        e = assertThrows(UsageException.class, () -> new TargetOption(false).addFile(empty.toString(), InputStreamNone.INSTANCE));
        assertTrue(e.getMessage().contains("names no target"), e.getMessage());
    }

    @Test
    void badItemsAreRefusedNamingThem() {
        for (String bad : List.of("10.0.0.0/33", "fd99::/129", "10.0.0.0/x", "10.9.0.20-1", "10.9.0.1-300", "10.9-.0.1",
                "10.9.0.1-2-3", "10.9.0", "1.2.3.999", "127.0.0.1,,127.0.0.2")) {
            UsageException e = assertThrows(UsageException.class, () -> targets(bad), bad);
            assertTrue(e.getMessage().contains(bad) || e.getMessage().contains("empty item"), e.getMessage());
        }
        UsageException mixed = assertThrows(UsageException.class, () -> targets("127.0.0.1,::1"));
        assertTrue(mixed.getMessage().contains("mix IPv4 and IPv6"), mixed.getMessage());
    }

    @Test
    void valueListsTakeNumbersListsAndRanges() {
        ValueList ports = ValueListOption.parse("--dport", "22,80,8000-8002,0x10", 0, 65535);
        assertEquals(6, ports.size());
        int[] expected = {22, 80, 8000, 8001, 8002, 16};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ports.get(i));
        }
        assertEquals(null, ValueListOption.parse("--ttl", null, 1, 255));
        assertEquals(30, ValueListOption.parse("--ttl", "1-30", 1, 255).size());
    }

    @Test
    void badValueListsNameTheItem() {
        String[][] cases = {
            {"--dport", "90-80", "backwards"}, {"--dport", "70000", "70000"}, {"--ttl", "0", "--ttl 0"},
            {"--ttl", "1-256", "256"}, {"--dport", "22,,80", "empty item"}, {"--dport", "-1", "-1"},
            {"--dport", "1-x", "1-x"}, {"--sport", "", "--sport is empty"},
        };
        for (String[] c : cases) {
            long min = c[0].equals("--ttl") ? 1 : 0;
            long max = c[0].equals("--ttl") ? 255 : 65535;
            UsageException e = assertThrows(UsageException.class, () -> ValueListOption.parse(c[0], c[1], min, max), c[1]);
            assertTrue(e.getMessage().contains(c[2]) && e.getMessage().startsWith(c[0]), e.getMessage());
        }
    }

    /** A stdin that must not be read. */
    private static final class InputStreamNone extends java.io.InputStream {
        static final InputStreamNone INSTANCE = new InputStreamNone();

        @Override
        public int read() {
            throw new AssertionError("stdin read");
        }
    }
}
