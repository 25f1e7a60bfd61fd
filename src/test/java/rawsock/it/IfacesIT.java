package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import rawsock.testing.Json;
import rawsock.testing.NetNs;
import rawsock.testing.Processes;
import rawsock.testing.RequiresRoot;

/**
 * {@code rawsock ifaces} against {@code ip -j addr} of the same namespace, field by field: on this
 * machine, and in a private namespace the test builds with a veth pair, a bridge, a macvlan with a
 * MAC of our choosing, a VLAN and a dummy where the kernel has them, MTUs, a promiscuous and a down
 * interface, several IPv4 (one with a label) and IPv6 addresses.
 */
class IfacesIT {
    /** Other tests add and remove interfaces in this namespace meanwhile: agreeing once in a few tries is enough. */
    @Test
    void agreesWithIpOnThisMachine() throws Exception {
        List<String> differences = List.of();
        for (int attempt = 0; attempt < 5; attempt++) {
            differences = differences(List.of(), List.of());
            if (differences.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(List.of(), differences);
    }

    @Test
    @RequiresRoot
    void agreesWithIpInANamespaceOfManyKinds() throws Exception {
        try (NetNs ns = NetNs.create()) {
            ns.exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.exec("ip", "link", "set", "v0", "address", "02:00:00:aa:bb:01", "mtu", "1400", "up");
            ns.exec("ip", "link", "set", "v1", "mtu", "1280", "promisc", "on"); // down: its peer sees no carrier
            ns.exec("ip", "link", "add", "br0", "type", "bridge");
            ns.exec("ip", "link", "set", "br0", "up");
            ns.exec("ip", "link", "add", "mv0", "link", "v0", "type", "macvlan", "mode", "bridge");
            ns.exec("ip", "link", "set", "mv0", "address", "02:00:00:aa:bb:02", "mtu", "1300", "up");
            ns.exec("ip", "addr", "add", "169.254.10.1/24", "broadcast", "+", "dev", "v0");
            ns.exec("ip", "addr", "add", "169.254.11.1/30", "dev", "v0");
            ns.exec("ip", "addr", "add", "169.254.12.1/32", "dev", "v0", "label", "v0:side");
            ns.exec("ip", "-6", "addr", "add", "fd99:10::1/64", "dev", "v0", "nodad");
            ns.exec("ip", "-6", "addr", "add", "fd99:11::1/48", "dev", "v0", "nodad");
            ns.exec("ip", "addr", "add", "169.254.20.1/16", "dev", "mv0");
            ns.exec("ip", "-6", "addr", "add", "fd99:20::5/120", "dev", "mv0", "nodad");
            ns.exec("ip", "addr", "add", "169.254.30.1/24", "dev", "v1");
            ns.exec("ip", "-6", "addr", "add", "fd99:30::1/64", "dev", "v1", "nodad");
            // Kinds this kernel may lack (built as modules that are not there): added when it has them.
            optional(ns, "ip", "link", "add", "link", "v0", "name", "v0.42", "type", "vlan", "id", "42");
            optional(ns, "ip", "addr", "add", "169.254.42.1/24", "dev", "v0.42");
            optional(ns, "ip", "link", "add", "d0", "type", "dummy");
            optional(ns, "ip", "link", "set", "d0", "mtu", "9000", "up");
            optional(ns, "ip", "-6", "addr", "add", "fd99:40::1/64", "dev", "d0", "nodad");
            List<String> prefix = ns.inside();
            assertEquals(List.of(), differences(prefix, prefix));
            Map<String, Map<String, Object>> ours = ours(prefix);
            assertTrue(ours.keySet().containsAll(List.of("lo", "v0", "v1", "br0", "mv0")), ours.keySet().toString());
            assertEquals("02:00:00:aa:bb:02", ours.get("mv0").get("mac"));
            assertTrue(((List<?>) ours.get("v1").get("flags")).contains("PROMISC"), ours.get("v1").toString());

            // Named interfaces: only those, in index order; text has one line each.
            Object[] named = Processes.run(command(prefix, "ifaces", "mv0", "lo"), 60);
            assertEquals(0, named[0], (String) named[2]);
            List<String> lines = ((String) named[1]).lines().toList();
            assertEquals(2, lines.size(), (String) named[1]);
            assertTrue(lines.get(0).startsWith("1: lo "), lines.get(0));
            // mv0 sits on v0, whose peer is down: no carrier, so maybe no link-local address yet
            assertTrue(lines.get(1).matches("\\d+: mv0 +[A-Z]+ +02:00:00:aa:bb:02 +mtu 1300 +<[A-Z_,]+> +"
                    + "169\\.254\\.20\\.1/16 fd99:20::5/120( fe80::[0-9a-f:]+/64)?"), lines.get(1));
            Object[] unknown = Processes.run(command(prefix, "ifaces", "v0", "nosuch0"), 60);
            assertEquals(2, unknown[0], (String) unknown[2]);
            assertEquals("", unknown[1]);
            assertTrue(((String) unknown[2]).startsWith("rawsock ifaces: no such interface: nosuch0 (this host has lo, "),
                    (String) unknown[2]);
        }
    }

    private static void optional(NetNs ns, String... command) throws InterruptedException {
        try {
            ns.exec(command);
        } catch (IOException e) {
            // "Unknown device type": this kernel has no such interface kind (or the interface is missing)
        }
    }

    /** What differs between rawsock ifaces -f json and ip -j addr, each run after {@code prefix} (a namespace). */
    private static List<String> differences(List<String> oursPrefix, List<String> ipPrefix) throws Exception {
        Map<String, Map<String, Object>> ours = ours(oursPrefix);
        List<String> ipCommand = new ArrayList<>(ipPrefix);
        ipCommand.addAll(List.of("ip", "-j", "addr"));
        Object[] ip = Processes.run(ipCommand, 60);
        assertEquals(0, ip[0], (String) ip[2]);
        Map<String, Map<String, Object>> theirs = new TreeMap<>();
        for (Object entry : (List<?>) Json.parse((String) ip[1])) {
            @SuppressWarnings("unchecked")
            Map<String, Object> link = (Map<String, Object>) entry;
            theirs.put((String) link.get("ifname"), link);
        }
        List<String> differences = new ArrayList<>();
        if (!ours.keySet().equals(theirs.keySet())) {
            differences.add("interfaces " + ours.keySet() + " against ip's " + theirs.keySet());
            return differences;
        }
        for (String name : ours.keySet()) {
            Map<String, Object> ourObject = ours.get(name);
            // The keys looked up are the keys compared: a misspelt one leaves the real key uncompared, which fails below.
            Set<String> compared = new HashSet<>(Set.of("iface")); // ours() files the objects under it
            Function<String, Object> mine = key -> {
                compared.add(key);
                return ourObject.get(key);
            };
            Map<String, Object> ip2 = theirs.get(name);
            compare(differences, name + " ifindex", mine.apply("ifindex"), ip2.get("ifindex"));
            compare(differences, name + " state", mine.apply("state"), ip2.get("operstate"));
            compare(differences, name + " mac", mine.apply("mac"), ip2.get("address"));
            compare(differences, name + " mtu", mine.apply("mtu"), ip2.get("mtu"));
            // ip leaves RUNNING out and says NO-CARRIER for an interface that is UP but not RUNNING.
            Set<Object> flags = new HashSet<>((List<?>) mine.apply("flags"));
            Set<Object> ipFlags = new HashSet<>((List<?>) ip2.get("flags"));
            boolean running = flags.remove("RUNNING");
            boolean noCarrier = ipFlags.remove("NO-CARRIER");
            ipFlags.remove("M-DOWN");
            compare(differences, name + " flags", flags, ipFlags);
            compare(differences, name + " RUNNING", running, flags.contains("UP") && !noCarrier);
            List<Map<String, Object>> ipAddrs = new ArrayList<>();
            for (Object info : (List<?>) ip2.get("addr_info")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> address = (Map<String, Object>) info;
                Map<String, Object> comparable = new LinkedHashMap<>();
                comparable.put("family", address.get("family"));
                comparable.put("address", address.get("local"));
                comparable.put("prefixlen", address.get("prefixlen"));
                if (address.containsKey("broadcast")) {
                    comparable.put("broadcast", address.get("broadcast"));
                }
                comparable.put("scope", address.get("scope"));
                ipAddrs.add(comparable);
            }
            compare(differences, name + " addrs", mine.apply("addrs"), ipAddrs);
            Set<String> keys = new HashSet<>(ourObject.keySet());
            keys.removeAll(compared);
            compare(differences, name + " keys no test compares", Set.of(), keys);
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, Object ours, Object theirs) {
        if (ours == null ? theirs != null : !ours.equals(theirs)) {
            differences.add(what + ": rawsock " + ours + ", ip " + theirs);
        }
    }

    /** rawsock ifaces -f json after {@code prefix}, by interface name (each line one object). */
    private static Map<String, Map<String, Object>> ours(List<String> prefix) throws Exception {
        Object[] result = Processes.run(command(prefix, "ifaces", "-f", "json"), 60);
        assertEquals(0, result[0], (String) result[2]);
        assertEquals("", result[2]);
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        long previous = 0;
        for (String line : ((String) result[1]).lines().toList()) {
            Map<String, Object> object = Json.object(line);
            long index = (Long) object.get("ifindex");
            assertTrue(index > previous, "index order: " + result[1]);
            previous = index;
            byName.put((String) object.get("iface"), object);
        }
        return byName;
    }

    private static List<String> command(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(ToolProcess.command(args));
        return command;
    }
}
