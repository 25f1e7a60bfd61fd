package rawsock.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The walk over RTM_NEWLINK and RTM_NEWADDR messages: the attributes it knows are read, those it
 * does not are stepped over, and odd lengths end the walk without reading past the message.
 */
class RouteNetlinkTest {
    @Test
    void aLinkMessageWithItsAttributes() {
        ByteBuffer m = message();
        int body = Layouts.NLMSGHDR_SIZE;
        m.putShort(body + Layouts.IFI_TYPE, (short) 1).putInt(body + Layouts.IFI_INDEX, 7)
                .putInt(body + Layouts.IFI_FLAGS, 0x11043);
        m.position(body + Layouts.IFINFOMSG_SIZE);
        attribute(m, LinuxConstants.IFLA_IFNAME, "veth-a\0".getBytes(StandardCharsets.UTF_8));
        attribute(m, 99 | 0x8000, new byte[] {1, 2, 3}); // unknown and nested: stepped over
        attribute(m, LinuxConstants.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, 1});
        attribute(m, LinuxConstants.IFLA_MTU, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1400).array());
        attribute(m, LinuxConstants.IFLA_OPERSTATE, new byte[] {6});
        m.limit(m.position());
        InterfaceInfo info = RouteNetlink.link(m);
        assertEquals(7, info.index());
        assertEquals("veth-a", info.name());
        assertEquals(List.of("UP", "BROADCAST", "RUNNING", "MULTICAST", "LOWER_UP"), info.flagNames());
        assertArrayEquals(new byte[] {2, 0, 0, 0, 0, 1}, info.hardwareAddress());
        assertEquals(1400, info.mtu());
        assertEquals("UP", info.state());
        assertEquals(1, info.linkType());
    }

    @Test
    void anAddressPrefersItsLocalAddressToThePeers() {
        ByteBuffer m = message();
        int body = Layouts.NLMSGHDR_SIZE;
        m.put(body + Layouts.IFA_FAMILY, (byte) LinuxConstants.AF_INET).put(body + Layouts.IFA_PREFIXLEN, (byte) 30)
                .put(body + Layouts.IFA_SCOPE, (byte) 253);
        m.position(body + Layouts.IFADDRMSG_SIZE);
        attribute(m, LinuxConstants.IFA_ADDRESS, new byte[] {(byte) 169, (byte) 254, 1, 2});
        attribute(m, LinuxConstants.IFA_LOCAL, new byte[] {(byte) 169, (byte) 254, 1, 1});
        attribute(m, LinuxConstants.IFA_BROADCAST, new byte[] {(byte) 169, (byte) 254, 1, 3});
        m.limit(m.position());
        InterfaceInfo.Address a = RouteNetlink.address(m);
        assertArrayEquals(new byte[] {(byte) 169, (byte) 254, 1, 1}, a.address());
        assertArrayEquals(new byte[] {(byte) 169, (byte) 254, 1, 3}, a.broadcast());
        assertEquals(30, a.prefixLength());
        assertEquals("link", a.scopeName());
    }

    @Test
    void anAttributeRunningPastTheMessageEndsTheWalk() {
        ByteBuffer m = message();
        m.position(Layouts.NLMSGHDR_SIZE + Layouts.IFINFOMSG_SIZE);
        m.putShort((short) 200).putShort((short) LinuxConstants.IFLA_IFNAME).put("x".getBytes(StandardCharsets.UTF_8));
        m.limit(m.position());
        assertNull(RouteNetlink.link(m), "no name was read");
    }

    /** Whatever the bytes after the fixed headers, reading them throws nothing. */
    @Property(tries = 2000)
    void randomMessagesNeverThrow(@ForAll @Size(min = 32, max = 300) byte[] bytes) {
        ByteBuffer m = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        RouteNetlink.link(m);
        RouteNetlink.address(m);
    }

    private static ByteBuffer message() {
        return ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    }

    private static void attribute(ByteBuffer m, int type, byte[] value) {
        int length = Layouts.RTATTR_SIZE + value.length;
        m.putShort((short) length).putShort((short) type).put(value);
        m.position(m.position() + Layouts.netlinkAlign(length) - length);
    }
}
