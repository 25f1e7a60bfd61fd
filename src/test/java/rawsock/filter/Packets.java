package rawsock.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real packets, written out in hex (valid checksums; tcpdump -vv decodes each as described), and
 * the samples built from them for each target: what the kernel's filter would see on that kind
 * of socket, and what tcpdump's program for the same link type would see.
 */
final class Packets {
    private Packets() {
    }

    static final String MAC_A = "020000000001";
    static final String MAC_B = "020000000002";
    static final String MAC_MLD = "333300000016";

    /** IPv4 192.0.2.1 > 198.51.100.2 ICMP echo request id 0x1234 seq 1, DF. */
    static final String IP4_ICMP_ECHO =
            "450000240a0b400040014497c0000201c6336402080054351234000161626364"
            + "65666768";

    /** IPv4 10.1.2.3:40000 > 10.9.8.7:53 UDP, a DNS query for example.com A. */
    static final String IP4_UDP_DNS =
            "450000391c4640004011005b0a0102030a0908079c4000350025c9dfabcd0100"
            + "0001000000000000076578616d706c6503636f6d0000010001";

    /** IPv4 192.0.2.1:12345 > 203.0.113.5:80 TCP SYN with MSS/SACK/WS options. */
    static final String IP4_TCP_SYN =
            "450000341c46400040062077c0000201cb007105303900500102030400000000"
            + "8002faf0418a0000020405b40101040201030307";

    /**
     * IPv4 with IHL 6 (Router Alert option 94040000) 192.0.2.1:5000 > 192.0.2.99:53 UDP; the
     * option bytes sit where a fixed-offset filter would look for ports (0x9404 = 37892, 0).
     */
    static final String IP4_OPT_UDP =
            "46000025222240004011ff3cc0000201c00002639404000013880035000d23e0"
            + "68656c6c6f";

    /**
     * IPv4 non-first fragment (offset 1480) of a UDP datagram 10.1.2.3 > 10.9.8.7; its payload
     * begins 00 35 00 35, which looks like ports 53 > 53.
     */
    static final String IP4_FRAG_UDP =
            "45000030333300b9401128be0a0102030a0908070035003572657374206f6620"
            + "61206c6172676520646174616772616d";

    /** IPv4 IGMPv2 membership report 192.0.2.1 > 224.0.0.251, TTL 1, Router Alert (IHL 6). */
    static final String IP4_IGMP =
            "4600002000004000010241dbc0000201e00000fb9404000016000904e00000fb";

    /** IPv6 2001:db8::1:5353 > 2001:db8::2:53 UDP. */
    static final String IP6_UDP =
            "60012345000a114020010db800000000000000000000000120010db800000000"
            + "000000000000000214e90035000a1e117136";

    /** IPv6 2001:db8::1 > 2001:db8::2 ICMPv6 echo request id 0x4321 seq 7. */
    static final String IP6_ICMP6_ECHO =
            "60012345000c3a4020010db800000000000000000000000120010db800000000"
            + "00000000000000028000024b4321000770696e67";

    /** IPv6 2001:db8:1::10:443 > 2001:db8:2::20:51000 TCP SYN-ACK. */
    static final String IP6_TCP =
            "600123450014064020010db800010000000000000000001020010db800020000"
            + "000000000000002001bbc738000003e8000007d05012faf084910000";

    /** IPv6 fe80::1 > ff02::16 Hop-by-Hop (Router Alert) then ICMPv6 MLDv2 report. */
    static final String IP6_HBH_MLD =
            "6001234500240001fe800000000000000000000000000001ff02000000000000"
            + "00000000000000163a000502000001008f006f0f0000000104000000ff020000"
            + "0000000000000000000000fb";

    /** IPv6 2001:db8::1:1111 > 2001:db8::2:2222, a Hop-by-Hop header (PadN) then UDP. */
    static final String IP6_HBH_UDP =
            "600123450011004020010db800000000000000000000000120010db800000000"
            + "00000000000000021100010400000000045708ae00091f6278";

    /** 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP who-has 192.0.2.99 tell 192.0.2.1 (padded to 60). */
    static final String ETH_ARP_REQUEST =
            "ffffffffffff02000000000108060001080006040001020000000001c0000201"
            + "000000000000c0000263000000000000000000000000000000000000";

    /** IP4_UDP_DNS in a frame with an 802.1Q tag (VID 100) still in the frame. */
    static final String ETH_VLAN100_UDP_DNS =
            "020000000002020000000001810000640800450000391c4640004011005b0a01"
            + "02030a0908079c4000350025c9dfabcd01000001000000000000076578616d70"
            + "6c6503636f6d0000010001";

    /** IP4_ICMP_ECHO in a frame with an 802.1ad tag (VID 200) and an 802.1Q tag (VID 100). */
    static final String ETH_QINQ_200_100_ICMP =
            "02000000000202000000000188a800c8810000640800450000240a0b40004001"
            + "4497c0000201c633640208005435123400016162636465666768";

    /**
     * One packet as one socket kind shows it to a filter.
     *
     * @param name    the packet's name, prefixed by the target: IP4_ (IPV4_RAW), IP6_ (IPV6_RAW),
     *                ETH_ (ETHERNET)
     * @param skb     what the kernel shows our program
     * @param tcpdump what tcpdump's program for the same link type (RAW, EN10MB) sees, or null when
     *                the two cannot be compared (the tag lives in skb metadata, or the IPv6 packet
     *                has extension headers, where this compiler walks and libpcap does not)
     */
    record Sample(String name, FilterTarget target, BpfInterpreter.Skb skb, BpfInterpreter.Skb tcpdump) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] eth(String dst, String src, String type, String payload) {
        return hex(dst + src + type + payload);
    }

    /** All samples by name, in a stable order. */
    static final Map<String, Sample> ALL = build();

    static List<Sample> forTarget(FilterTarget target) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : ALL.values()) {
            if (s.target() == target) {
                out.add(s);
            }
        }
        return out;
    }

    private static Map<String, Sample> build() {
        Map<String, Sample> m = new LinkedHashMap<>();
        Map<String, String> v4 = new LinkedHashMap<>();
        v4.put("IP4_ICMP_ECHO", IP4_ICMP_ECHO);
        v4.put("IP4_UDP_DNS", IP4_UDP_DNS);
        v4.put("IP4_TCP_SYN", IP4_TCP_SYN);
        v4.put("IP4_OPT_UDP", IP4_OPT_UDP);
        v4.put("IP4_FRAG_UDP", IP4_FRAG_UDP);
        v4.put("IP4_IGMP", IP4_IGMP);
        Map<String, String> v6 = new LinkedHashMap<>();
        v6.put("IP6_UDP", IP6_UDP);
        v6.put("IP6_ICMP6_ECHO", IP6_ICMP6_ECHO);
        v6.put("IP6_TCP", IP6_TCP);
        v6.put("IP6_HBH_MLD", IP6_HBH_MLD);
        v6.put("IP6_HBH_UDP", IP6_HBH_UDP);

        for (Map.Entry<String, String> e : v4.entrySet()) {
            byte[] p = hex(e.getValue());
            add(m, new Sample(e.getKey(), FilterTarget.IPV4_RAW, BpfInterpreter.Skb.ipv4Raw(p),
                    BpfInterpreter.Skb.plain(p)));
        }
        for (Map.Entry<String, String> e : v6.entrySet()) {
            byte[] p = hex(e.getValue());
            boolean hbh = p[6] == 0;
            int transport = hbh ? 40 + (p[41] + 1) * 8 : 40;
            add(m, new Sample(e.getKey(), FilterTarget.IPV6_RAW, BpfInterpreter.Skb.ipv6Raw(p, transport),
                    hbh ? null : BpfInterpreter.Skb.plain(p)));
        }
        for (Map.Entry<String, String> e : v4.entrySet()) {
            byte[] f = eth(MAC_B, MAC_A, "0800", e.getValue());
            add(m, new Sample("ETH_" + e.getKey(), FilterTarget.ETHERNET, BpfInterpreter.Skb.ethernet(f),
                    BpfInterpreter.Skb.plain(f)));
        }
        for (Map.Entry<String, String> e : v6.entrySet()) {
            byte[] f = eth(e.getKey().contains("MLD") ? MAC_MLD : MAC_B, MAC_A, "86dd", e.getValue());
            add(m, new Sample("ETH_" + e.getKey(), FilterTarget.ETHERNET, BpfInterpreter.Skb.ethernet(f),
                    BpfInterpreter.Skb.plain(f)));
        }
        for (String name : List.of("ETH_ARP_REQUEST", "ETH_VLAN100_UDP_DNS", "ETH_QINQ_200_100_ICMP")) {
            String h = name.equals("ETH_ARP_REQUEST") ? ETH_ARP_REQUEST
                    : name.equals("ETH_VLAN100_UDP_DNS") ? ETH_VLAN100_UDP_DNS : ETH_QINQ_200_100_ICMP;
            byte[] f = hex(h);
            add(m, new Sample(name, FilterTarget.ETHERNET, BpfInterpreter.Skb.ethernet(f), BpfInterpreter.Skb.plain(f)));
        }
        // As a Linux packet socket usually sees tagged frames: the outer tag taken out of the frame
        // into skb metadata (vlan_tci) before the filter runs.
        byte[] stripped = eth(MAC_B, MAC_A, "0800", IP4_UDP_DNS);
        add(m, new Sample("ETH_META100_IP4_UDP_DNS", FilterTarget.ETHERNET,
                BpfInterpreter.Skb.ethernetWithTag(stripped, 100), null));
        byte[] inner = eth(MAC_B, MAC_A, "8100", "0064" + "0800" + IP4_ICMP_ECHO);
        add(m, new Sample("ETH_META200_VLAN100_ICMP", FilterTarget.ETHERNET,
                BpfInterpreter.Skb.ethernetWithTag(inner, 200), null));
        return m;
    }

    /**
     * The comparable samples for {@code target} (those with a tcpdump view), each also cut short
     * at every length from the start of what the socket shows a filter (the Ethernet header, the
     * IPv4 header, the IPv6 transport header) up to one byte short of the whole: frames damaged
     * or captured with a small snap length, where a load past the end drops the packet.
     */
    static List<Sample> truncated(FilterTarget target) {
        int shortest = target == FilterTarget.ETHERNET ? 14 : target == FilterTarget.IPV4_RAW ? 20 : 0;
        List<Sample> out = new ArrayList<>();
        for (Sample s : forTarget(target)) {
            if (s.tcpdump() == null) {
                continue;
            }
            byte[] whole = s.skb().buf();
            for (int len = Math.max(shortest, s.skb().dataOff()); len < whole.length; len++) {
                out.add(new Sample(s.name() + "_CUT" + len, target, cut(s.skb(), len), cut(s.tcpdump(), len)));
            }
        }
        return out;
    }

    private static BpfInterpreter.Skb cut(BpfInterpreter.Skb skb, int len) {
        return new BpfInterpreter.Skb(Arrays.copyOf(skb.buf(), len), skb.dataOff(), skb.netOff(), skb.macOff(),
                skb.vlanPresent(), skb.vlanTci(), skb.protocol());
    }

    private static void add(Map<String, Sample> m, Sample s) {
        if (m.put(s.name(), s) != null) {
            throw new IllegalStateException("duplicate sample " + s.name());
        }
    }
}
