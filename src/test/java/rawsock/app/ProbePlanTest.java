package rawsock.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan's index arithmetic against the nested loops it stands for. */
class ProbePlanTest {
    private static ValueList list(int... pairs) {
        java.util.List<int[]> ranges = new java.util.ArrayList<>();
        for (int k = 0; k < pairs.length; k += 2) {
            ranges.add(new int[] {pairs[k], pairs[k + 1]});
        }
        return new ValueList(ranges);
    }

    @Test
    void everyCombinationOnceARoundInNestedLoopOrder() throws Exception {
        TargetList targets = new TargetList(List.of(TargetBlock.cidr(InetAddress.getByName("10.0.0.0"), 31),
                TargetBlock.single(InetAddress.getByName("127.0.0.1"))));
        ValueList ttls = list(1, 2);
        ValueList dports = list(22, 22, 80, 81);
        ValueList sports = list(1000, 1001);
        ProbePlan plan = new ProbePlan(targets, ttls, dports, sports);
        assertEquals(3 * 2 * 3 * 2, plan.perRound());
        assertEquals(12, plan.perTarget());
        long index = 0;
        for (int round = 0; round < 2; round++) {
            for (long t = 0; t < 3; t++) {
                for (int ttl = 0; ttl < 2; ttl++) {
                    for (int d = 0; d < 3; d++) {
                        for (int s = 0; s < 2; s++) {
                            assertEquals(targets.get(t), plan.target(index), "index " + index);
                            assertEquals(t, plan.targetIndex(index));
                            assertEquals(ttls.get(ttl), plan.ttl(index, null));
                            assertEquals(dports.get(d), plan.destinationPort(index, 0));
                            assertEquals(sports.get(s), plan.sourcePort(index, 0));
                            assertEquals(index % 36, plan.position(index));
                            index++;
                        }
                    }
                }
            }
        }
        assertEquals(72, plan.total(2));
        assertEquals(Long.MAX_VALUE, plan.total(0));
    }

    @Test
    void fieldsWithoutListsKeepTheSpecValue() throws Exception {
        ProbePlan plan = ProbePlan.single(InetAddress.getByName("127.0.0.1"));
        assertFalse(plan.isScan());
        assertEquals(1, plan.perRound());
        assertEquals(64, plan.ttl(5, 64));
        assertEquals(null, plan.ttl(5, null));
        assertEquals(9, plan.destinationPort(7, 9));
        assertEquals(5, plan.total(5));
    }

    @Test
    void aHugeBlockTimesPortsStillMapsEveryIndexToAPortOfItsTarget() throws Exception {
        TargetList v6 = new TargetList(List.of(TargetBlock.cidr(InetAddress.getByName("fd99::"), 64)));
        ProbePlan plan = new ProbePlan(v6, null, list(1, 1000), null);
        assertTrue(plan.isScan());
        assertEquals(Long.MAX_VALUE, plan.perRound());
        assertEquals(InetAddress.getByName("fd99::1"), plan.target(1000));
        assertEquals(1, plan.destinationPort(1000, 0));
        assertEquals(1000, plan.destinationPort(1999, 0));
        Set<InetAddress> seen = new HashSet<>();
        for (long i = 0; i < 5000; i++) {
            seen.add(plan.target(i));
        }
        assertEquals(5, seen.size());
    }

    @Test
    void portListsPrintCompactly() {
        assertEquals("22,80,8000-8002", ScanSummary.compact(List.of(22, 80, 8000, 8001, 8002)));
        assertEquals("1-1024", ScanSummary.compact(new java.util.TreeSet<>(java.util.stream.IntStream.rangeClosed(1, 1024)
                .boxed().toList())));
        assertEquals("", ScanSummary.compact(List.of()));
        assertEquals("7", ScanSummary.compact(List.of(7)));
    }
}
