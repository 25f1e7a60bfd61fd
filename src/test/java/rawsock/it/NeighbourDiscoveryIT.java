package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rawsock.testing.Background;
import rawsock.testing.Lab;
import rawsock.testing.LabExtension;
import rawsock.testing.RequiresRoot;

/**
 * Neighbour discovery messages built by send on host A of the two-host LAB.lab(), judged by host B's
 * kernel (which drops any whose hop limit, checksum or layout is wrong, RFC 4861 7.1) and by
 * tcpdump -vv on B: a neighbor solicitation to B's solicited-node group draws B's neighbor
 * advertisement; an advertisement with --nd-flags SO and --nd-tll rewrites B's neighbour cache,
 * one with hop limit 64 does not (without --ttl ND leaves with 255); a router advertisement's
 * fields become B's default route.
 */
@RequiresRoot
class NeighbourDiscoveryIT {
    private static final String A_LINK_LOCAL = "fe80::ff:fe00:9901";
    @RegisterExtension
    static final LabExtension LAB = new LabExtension(Lab::up);


    /** Runs send on A while tcpdump -vv on {@code host} waits for {@code count} packets matching {@code filter}. */
    private static String seen(String host, int count, String filter, String... args) throws Exception {
        List<String> tcpdump = List.of("tcpdump", "-i", "veth-" + host, "-nn", "-l", "-vv", "--immediate-mode", "-c",
                String.valueOf(count), filter);
        try (Background capture = Background.start(LAB.lab().on(host, tcpdump))) {
            assertTrue(capture.awaitStderr("listening on", 15_000), capture.stderr());
            sendOnA(args);
            assertEquals(0, capture.await(20), capture.stderr() + capture.stdout());
            return capture.stdout();
        }
    }

    private static void sendOnA(String... args) throws Exception {
        Object[] run = LAB.lab().exec("a", ToolProcess.command(args));
        assertEquals(0, run[0], String.join(" ", args) + ": " + run[1] + run[2]);
    }

    private static String onB(String... command) throws Exception {
        Object[] run = LAB.lab().exec("b", List.of(command));
        assertEquals(0, run[0], String.join(" ", command) + ": " + run[1] + run[2]);
        return (String) run[1];
    }

    /** Runs {@code command} on B every 50 ms (10 s at most) until its output contains {@code text}; returns the last output. */
    private static String awaitOnB(String text, String... command) throws Exception {
        String output = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(50)) {
            output = onB(command);
            if (output.contains(text)) {
                break;
            }
        }
        return output;
    }

    @Test
    void aSolicitationToTheSolicitedNodeGroupDrawsThePeerKernelsAdvertisement() throws Exception {
        // Both messages name target fd99::2 (bytes 8-23 of the ICMPv6 message, 48-63 of the packet).
        String dump = seen("a", 2, "icmp6 and (ip6[40] == 135 or ip6[40] == 136) and ip6[48:4] == 0xfd990000"
                + " and ip6[52:4] == 0 and ip6[56:4] == 0 and ip6[60:4] == 2",
                "send", "-d", "ff02::1:ff00:2", "-I", "veth-a", "--ttl", "255", "--icmp-type", "neighbor-solicit",
                "--nd-target", Lab.B_IP6);
        assertTrue(dump.contains("hlim 255") && dump.contains("> ff02::1:ff00:2: [icmp6 sum ok] ICMP6, neighbor "
                + "solicitation, length 32, who has fd99::2"), dump);
        // With -I the solicitation carries A's MAC as source link-layer address, as the kernel's do.
        assertTrue(dump.contains("source link-address option (1), length 8 (1): " + Lab.A_MAC), dump);
        assertTrue(dump.contains("fd99::2 > " + A_LINK_LOCAL + ": [icmp6 sum ok] ICMP6, neighbor advertisement, "
                + "length 32, tgt is fd99::2, Flags [solicited"), dump);
    }

    @Test
    void aDuplicateAddressProbeFromTheUnspecifiedAddressDrawsADefenceToAllNodes() throws Exception {
        // From :: (RFC 4862 5.4.2) the solicitation carries no source link-layer option (RFC 4861 4.3),
        // and B defends its address with an advertisement to ff02::1, override set, solicited not.
        String dump = seen("a", 2, "icmp6 and (ip6[40] == 135 or ip6[40] == 136) and ip6[48:4] == 0xfd990000"
                + " and ip6[52:4] == 0 and ip6[56:4] == 0 and ip6[60:4] == 2",
                "send", "-d", "ff02::1:ff00:2", "-I", "veth-a", "--src", "::", "--icmp-type", "neighbor-solicit",
                "--nd-target", Lab.B_IP6);
        assertTrue(dump.contains(":: > ff02::1:ff00:2: [icmp6 sum ok] ICMP6, neighbor solicitation, length 24, "
                + "who has fd99::2"), dump);
        assertTrue(dump.contains("fd99::2 > ff02::1: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, "
                + "tgt is fd99::2, Flags [override]"), dump);
    }

    @Test
    void anAdvertisementWithSolicitedAndOverrideRewritesThePeersNeighbourCache() throws Exception {
        onB("ip", "-6", "neigh", "replace", "fd99::1", "lladdr", Lab.A_MAC, "dev", "veth-b", "nud", "stale");
        onB("ip", "-6", "neigh", "replace", "fd99::3", "lladdr", "02:00:00:00:33:03", "dev", "veth-b", "nud", "stale");
        // First a hop limit of 64, which B must drop (RFC 4861 7.1.2), then ND's default of 255: same queue, in order.
        sendOnA("send", "-d", Lab.B_IP6, "-I", "veth-a", "--ttl", "64", "--icmp-type", "neighbor-advert",
                "--nd-target", "fd99::3", "--nd-flags", "SO", "--nd-tll", "02:00:00:00:33:99");
        String dump = seen("b", 1, "icmp6 and ip6[40] == 136 and src host fd99::1",
                "send", "-d", Lab.B_IP6, "-I", "veth-a", "--icmp-type", "neighbor-advert",
                "--nd-target", "fd99::1", "--nd-flags", "so", "--nd-tll", "02:11:22:33:44:55");
        assertTrue(dump.contains("[icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is fd99::1, "
                + "Flags [solicited, override]"), dump);
        assertTrue(dump.contains("destination link-address option (2), length 8 (1): 02:11:22:33:44:55"), dump);
        String entry = awaitOnB("02:11:22:33:44:55", "ip", "-6", "neigh", "show", "fd99::1", "dev", "veth-b");
        assertTrue(entry.contains("lladdr 02:11:22:33:44:55") && entry.contains("REACHABLE"), entry);
        String ignored = onB("ip", "-6", "neigh", "show", "fd99::3", "dev", "veth-b");
        assertTrue(ignored.contains("lladdr 02:00:00:00:33:03 STALE"), ignored);
    }

    @Test
    void aRouterAdvertisementsFieldsBecomeThePeersDefaultRoute() throws Exception {
        String dump = seen("b", 1, "icmp6 and ip6[40] == 134 and src host " + A_LINK_LOCAL,
                "send", "-d", "ff02::1", "-I", "veth-a", "--icmp-type", "router-advert",
                "--nd-flags", "MO", "--nd-hop-limit", "61", "--nd-router-lifetime", "1800",
                "--nd-reachable-time", "30000", "--nd-retrans-timer", "1000");
        assertTrue(dump.contains("hlim 255") && dump.contains("[icmp6 sum ok] ICMP6, router advertisement, length 24"), dump);
        assertTrue(dump.contains("hop limit 61, Flags [managed, other stateful], pref medium, router lifetime 1800s, "
                + "reachable time 30000ms, retrans timer 1000ms"), dump);
        assertTrue(dump.contains("source link-address option (1), length 8 (1): " + Lab.A_MAC), dump);
        String route = awaitOnB("hoplimit 61", "ip", "-6", "route", "show", "default");
        assertTrue(route.contains("default via " + A_LINK_LOCAL + " dev veth-b proto ra")
                && route.contains("hoplimit 61"), route);
    }

    @Test
    void aRedirectAndARouterSolicitationCarryTheirFields() throws Exception {
        String redirect = seen("b", 1, "icmp6 and ip6[40] == 137",
                "send", "-d", "fe80::ff:fe00:9902%veth-a", "-I", "veth-a", "--icmp-type", "redirect",
                "--nd-target", "fe80::1", "--nd-destination", "fd99::77", "--nd-tll", "02:00:00:00:00:77");
        assertTrue(redirect.contains("[icmp6 sum ok] ICMP6, redirect, length 48, fd99::77 to fe80::1"), redirect);
        assertTrue(redirect.contains("destination link-address option (2), length 8 (1): 02:00:00:00:00:77"), redirect);
        // The kernel's own solicitations carry A's MAC; this one the option's (bytes 10-15 of the message).
        String solicit = seen("b", 1, "icmp6 and ip6[40] == 133 and ip6[50:4] == 0x02003300 and ip6[54:2] == 0x0133",
                "send", "-d", "ff02::2", "-I", "veth-a", "--icmp-type", "router-solicit",
                "--nd-sll", "02:00:33:00:01:33");
        assertTrue(solicit.contains("[icmp6 sum ok] ICMP6, router solicitation, length 16"), solicit);
    }
}
