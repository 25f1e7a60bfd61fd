package rawsock.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rawsock.packet.DecodedPacket;
import rawsock.packet.LinkType;

/** Buffering, flushing, closing and I/O errors, the same for every format. */
class WriterStreamTest {
    /** Counts what reaches it and its flushes; can be told to fail like a closed pipe. */
    static class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int flushes;
        int writes;
        boolean closed;
        IOException failWith;

        @Override
        public void write(int b) throws IOException {
            fail();
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            fail();
            writes++;
            bytes.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            fail();
            flushes++;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            fail();
        }

        private void fail() throws IOException {
            if (failWith != null) {
                throw failWith;
            }
        }
    }

    private static DecodedPacket layers() {
        DecodedPacket d = new DecodedPacket();
        d.add(new FakeLayer("ip", "IP 127.0.0.1 > 127.0.0.1", "ttl", 64));
        return d;
    }

    private static void writePacket(PacketWriter w) throws IOException {
        w.write(TestPackets.meta(TestPackets.TS, 84), TestPackets.buffer(TestPackets.ICMP_ECHO), layers());
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void flushEachPacketWritesThroughAndFlushes(OutputFormat format) throws IOException {
        Recording out = new Recording();
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, true);
        writePacket(w);
        assertEquals(1, out.flushes);
        int first = out.bytes.size();
        assertTrue(first > 0);
        writePacket(w);
        assertEquals(2, out.flushes);
        assertTrue(out.bytes.size() > first);
        w.close();
        assertTrue(out.closed);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void withoutFlushEachPacketSmallPacketsWaitInTheBuffer(OutputFormat format) throws IOException {
        Recording out = new Recording();
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, false);
        writePacket(w);
        writePacket(w);
        assertEquals(0, out.bytes.size());
        assertEquals(0, out.flushes);
        w.flush();
        assertEquals(1, out.flushes);
        assertEquals(1, out.writes, "one write for both packets");
        int size = out.bytes.size();
        // many packets: the buffer drains on its own, in large writes
        for (int i = 0; i < 5000; i++) {
            writePacket(w);
        }
        assertTrue(out.bytes.size() > size);
        assertTrue(out.writes < 5000 / 100, "writes: " + out.writes);
        w.close();
        assertTrue(out.closed);
        assertEquals(2, out.flushes);
        // close is idempotent, write after close is an error
        w.close();
        assertThrows(IOException.class, () -> writePacket(w));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aBrokenPipeComesOutOfWrite(OutputFormat format) throws IOException {
        Recording out = new Recording();
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, true);
        writePacket(w);
        IOException pipe = new IOException("Broken pipe");
        out.failWith = pipe;
        assertSame(pipe, assertThrows(IOException.class, () -> writePacket(w)));
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void aBrokenPipeComesOutOfFlushAndClose(OutputFormat format) throws IOException {
        Recording out = new Recording();
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, false);
        writePacket(w);
        IOException pipe = new IOException("Broken pipe");
        out.failWith = pipe;
        assertSame(pipe, assertThrows(IOException.class, w::flush));
        writePacket(w);
        assertSame(pipe, assertThrows(IOException.class, w::close));
        assertTrue(out.closed, "the stream is closed even when flushing failed");
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void closeReportsTheFlushFailureFirstAndStillCloses(OutputFormat format) throws IOException {
        IOException pipe = new IOException("Broken pipe");
        IOException onClose = new IOException("Bad file descriptor");
        Recording out = new Recording() {
            @Override
            public void close() throws IOException {
                closed = true;
                throw onClose;
            }
        };
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, false);
        writePacket(w);
        out.failWith = pipe;
        IOException e = assertThrows(IOException.class, w::close);
        assertSame(pipe, e);
        assertSame(onClose, e.getSuppressed()[0]);
        assertTrue(out.closed);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void theBufferIsNeverMovedAndLargePacketsFit(OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketWriter w = PacketWriters.create(format, out, LinkType.RAW, false);
        byte[] big = new byte[200_000];
        ByteBuffer direct = ByteBuffer.allocateDirect(big.length + 100);
        direct.position(50);
        direct.put(big);
        direct.flip();
        direct.position(50);
        w.write(TestPackets.meta(TestPackets.TS, big.length), direct, new DecodedPacket());
        assertEquals(50, direct.position());
        assertEquals(big.length + 50, direct.limit());
        w.close();
        assertTrue(out.size() >= (format == OutputFormat.TEXT ? 1 : big.length), format.name());
    }
}
