package rawsock.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import rawsock.net.Family;
import rawsock.net.Poller;
import rawsock.net.RawSocket;
import rawsock.net.ReceiveInfo;
import rawsock.packet.Arp;
import rawsock.packet.ArpFields;
import rawsock.packet.EtherType;
import rawsock.packet.Ethernet;
import rawsock.packet.EthernetFrame;
import rawsock.packet.MacAddress;
import rawsock.packet.PacketMeta;

/**
 * The receiving half of {@code send --link -p arp --wait}, as arping does it: a packet socket for
 * ARP on the sending interface, opened before the first request; a reply is ours when its sender
 * IP is the address we asked for and its target MAC is the one we asked with, so another
 * process's ARP traffic is never taken for an answer. ARP has no sequence number: as arping, a
 * reply answers the newest request, and its round-trip time is the kernel's receive timestamp
 * minus the moment that request left.
 */
final class ArpWatcher extends ProbeWatcher {
    private static final Log LOG = Log.of(ArpWatcher.class);
    /** No key tells requests apart: every reply names the newest (see ProbeTable#indexOf). */
    private static final int NEWEST = 0;
    private static final byte[] BROADCAST = MacAddress.broadcast();

    private final SendSpec spec;
    private final RawSocket socket;
    private final Poller poller;
    private final int ifindex;
    private final byte[] askedWith;
    private final byte[] askedFor;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536).order(ByteOrder.BIG_ENDIAN);
    private final ReceiveInfo info = new ReceiveInfo();
    private final EthernetFrame frame = new EthernetFrame();
    private final Arp arp = new Arp();
    private final Reply reply = new Reply();

    private ArpWatcher(SendSpec spec, RawSocket socket, int ifindex, ArpFields request, ReplyPrinter printer) {
        super(new ProbeTable(1), printer);
        this.spec = spec;
        this.socket = socket;
        this.poller = new Poller(new RawSocket[] {socket});
        this.ifindex = ifindex;
        this.askedWith = request.senderMac();
        this.askedFor = request.targetIp();
    }

    /** Opens the socket before {@code request} first leaves, so no early reply is missed. */
    static ArpWatcher open(SendSpec spec, int ifindex, ArpFields request, OutputStream out, PrintWriter err)
            throws IOException {
        RawSocket socket = RawSocket.open(Family.PACKET, EtherType.ARP, RawSocket::enableTimestamps);
        try {
            socket.bindLink(ifindex, EtherType.ARP);
            // What other interfaces queued before bind() is no answer.
            socket.drain();
            String target = InetAddress.getByAddress(request.targetIp()).getHostAddress();
            return new ArpWatcher(spec, socket, ifindex, request,
                    new ReplyPrinter(out, err, spec.jsonReplies, spec.quiet, target));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    boolean poll(int millis) throws IOException {
        return poller.poll(millis) > 0;
    }

    @Override
    void readReady() throws IOException {
        buffer.clear();
        if (socket.receive(buffer, info)) {
            handle(info.timestampNanos());
        }
    }

    private void handle(long receivedAt) throws IOException {
        if (info.ifindex() != ifindex || info.pktType() == PacketMeta.PKTTYPE_OUTGOING || !answersUs()) {
            return;
        }
        reply.clear();
        reply.from = arp.senderIpText();
        reply.mac = arp.senderMacText();
        // arping's word: a reply sent to our MAC is unicast, one to everyone broadcast.
        reply.kind = equal(buffer.position() + Ethernet.DST_OFFSET, BROADCAST) ? "broadcast" : "unicast";
        long index = table.indexOf(NEWEST);
        if (index < 0) {
            return;
        }
        table.answer(index, receivedAt, spec.waitNanos, reply);
        LOG.debug("ARP reply from {} answers request {}", reply.from, index);
        printer.reply(reply);
    }

    /** An Ethernet/IPv4 ARP reply from the address we asked for, to the MAC we asked with. */
    private boolean answersUs() {
        frame.walk(buffer);
        if (frame.end() != EthernetFrame.End.NETWORK || frame.type() != EtherType.ARP) {
            return false;
        }
        arp.wrap(buffer, frame.payloadOffset(), buffer.limit() - frame.payloadOffset());
        return arp.complete() && arp.isEthernetIpv4() && arp.htype() == Arp.HTYPE_ETHERNET
                && arp.operation() == Arp.REPLY
                && equal(arp.offset() + arp.senderProtoOffset(), askedFor)
                && equal(arp.offset() + arp.targetHwOffset(), askedWith);
    }

    private boolean equal(int at, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (buffer.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        socket.close();
    }
}
