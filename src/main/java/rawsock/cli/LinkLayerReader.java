package rawsock.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import rawsock.app.SendSpec;
import rawsock.app.UsageException;
import rawsock.packet.Arp;
import rawsock.packet.Vlan;

/**
 * send's link-layer options, part of {@link SendRequestReader}'s validation: --link and the
 * frame's fields (--src-mac, --dst-mac, --ethertype), its VLAN tags (--vlan, --vlan-prio), and
 * the ARP message of --link -p arp (--arp-*). Each method is one step of the reader's fixed order.
 */
final class LinkLayerReader {
    /** An S-tag and a C-tag: QinQ's two; deeper stacks are no convenience rawsock offers. */
    private static final int MAX_VLAN_TAGS = 2;
    private static final String ARP_CARRIES_IPV4 = " is IPv6; ARP carries IPv4 addresses";

    private final SendOptions o;
    private final ParsedOptions line;

    LinkLayerReader(SendOptions options, ParsedOptions line) {
        this.o = options;
        this.line = line;
    }

    /** --link and the frame's fields and tags, which need it. */
    void readLink(SendSpec.Builder s) {
        s.link = line.given(o.link);
        if (!s.link) {
            List<OptionSpec> frameFields = new ArrayList<>(o.linkFields.options());
            frameFields.addAll(o.vlanFields.options());
            OptionSpec frameField = line.firstGiven(frameFields);
            if (frameField != null) {
                throw new UsageException(frameField.longestName() + " needs " + o.link.longestName()
                        + " (frames through a packet socket)");
            }
            return;
        }
        if (!line.given(o.iface)) {
            throw new UsageException(o.link.longestName() + " needs " + o.iface.shortestName()
                    + " IFACE: a packet socket sends on one interface");
        }
        if (line.given(o.headerIncluded)) {
            throw new UsageException(o.headerIncluded.longestName() + " does not apply to " + o.link.longestName()
                    + ": rawsock writes the whole frame, IP header included");
        }
        s.sourceMac = line.mac(o.sourceMac);
        s.destinationMac = line.mac(o.destinationMac);
        s.etherType = line.number(o.etherType, 0, 0xffff);
        readVlan(s);
    }

    private void readVlan(SendSpec.Builder s) {
        List<Long> ids = line.value(o.vlanIds);
        String vlan = o.vlanIds.longestName();
        if (ids == null) {
            if (line.given(o.vlanPriority)) {
                throw new UsageException(o.vlanPriority.longestName() + " needs " + vlan
                        + " (the priority of the tags it pushes)");
            }
            return;
        }
        if (ids.size() > MAX_VLAN_TAGS) {
            throw new UsageException(vlan + " has " + ids.size() + " ids; at most " + MAX_VLAN_TAGS
                    + " (an outer 802.1ad and an inner 802.1Q tag)");
        }
        s.vlanIds = new int[ids.size()];
        for (int i = 0; i < s.vlanIds.length; i++) {
            s.vlanIds[i] = Ranges.check(vlan, ids.get(i), 0, Vlan.MAX_VID);
        }
        Long priority = line.value(o.vlanPriority);
        if (priority != null) {
            s.vlanPriority = Ranges.check(o.vlanPriority.longestName(), priority, 0, Vlan.MAX_PCP);
        }
    }

    /** An ARP message needs only its addresses and the frame's; header options of IP protocols do not apply. */
    void readArp(SendSpec.Builder s) {
        List<OptionSpec> fields = o.headerOptions();
        fields.remove(o.protocol);
        fields.remove(o.source);
        for (ArgGroupSpec frame : List.of(o.linkFields, o.vlanFields, o.arpFields)) {
            fields.removeAll(frame.options());
        }
        OptionSpec field = line.firstGiven(fields);
        if (field != null) {
            throw new UsageException(field.longestName() + " does not apply to " + o.protocol.longestName() + " arp");
        }
        s.source = line.address(o.source, false, ARP_CARRIES_IPV4);
        String operation = line.value(o.arpOperation);
        if (operation != null) {
            try {
                s.arpOperation = Arp.parseOperation(operation);
            } catch (IllegalArgumentException e) {
                throw new UsageException(o.arpOperation.longestName() + ": " + e.getMessage());
            }
        }
        s.arpSenderMac = line.mac(o.arpSenderMac);
        s.arpSenderIp = line.address(o.arpSenderIp, false, ARP_CARRIES_IPV4);
        s.arpTargetMac = line.mac(o.arpTargetMac);
        s.arpTargetIp = line.address(o.arpTargetIp, false, ARP_CARRIES_IPV4);
        if (s.waitNanos >= 0 && s.arpOperation != Arp.REQUEST) {
            throw new UsageException(o.waitFor.longestName() + " matches replies to ARP requests; "
                    + o.arpOperation.longestName() + " " + operation + " draws none");
        }
    }

    /** The --arp-* fields with an IP protocol: refused rather than ignored. */
    void refuseArpFields(String protocol) {
        OptionSpec arpField = line.firstGiven(o.arpFields.options());
        if (arpField != null) {
            throw new UsageException(arpField.longestName() + " applies to " + o.link.longestName() + " "
                    + o.protocol.shortestName() + " arp, not to " + o.protocol.longestName() + " " + protocol);
        }
    }

}
