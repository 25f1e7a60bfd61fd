package rawsock.filter;

/**
 * The kind of socket a filter is compiled for: it decides where the packet bytes that the kernel
 * shows the filter begin, and so every offset in the program.
 */
public enum FilterTarget {
    /**
     * An AF_INET raw socket: the bytes start at the IPv4 header (the kernel pushes the header back
     * before the socket filter runs, net/ipv4/raw.c raw_rcv). Every IPv6, ARP and Ethernet test is
     * false here; {@code ether} and {@code vlan} primitives are refused.
     */
    IPV4_RAW,
    /**
     * An AF_INET6 raw socket: the bytes start AFTER the IPv6 header and any extension headers, at
     * the header of the socket's own protocol (net/ipv6/ip6_input.c delivers to raw sockets with
     * skb-&gt;data at the transport header; net/ipv6/raw.c notes "ipv6_hdr(skb) != skb-&gt;data").
     * The IPv6 header is read with SKF_NET_OFF loads. IPv4, ARP and Ethernet tests are false;
     * {@code ether} and {@code vlan} primitives are refused.
     */
    IPV6_RAW,
    /**
     * An AF_PACKET socket: the bytes start at the Ethernet header. IPv4, IPv6 and ARP are told
     * apart by the EtherType; VLAN tags are handled by the {@code vlan} primitive.
     */
    ETHERNET
}
