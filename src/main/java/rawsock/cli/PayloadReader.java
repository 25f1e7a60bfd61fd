package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import rawsock.app.UsageException;

/**
 * The payload of a packet send builds, from the one of --data, --hex, --size and --file given
 * (none: no payload). A file ('-' = stdin) is read now, so a missing or unreadable one is a usage
 * error before anything is sent.
 */
final class PayloadReader {
    /** The most a payload can be: an IP packet's length field allows no more. */
    private static final int MAX_PAYLOAD = 65535;

    private final SendOptions o;
    private final ParsedOptions line;
    private final InputStream stdin;

    PayloadReader(SendOptions options, ParsedOptions line, InputStream stdin) {
        this.o = options;
        this.line = line;
        this.stdin = stdin;
    }

    byte[] read() throws IOException {
        if (line.given(o.data)) {
            return line.<String>value(o.data).getBytes(StandardCharsets.UTF_8);
        }
        if (line.given(o.hex)) {
            return HexConverter.option(o.hex.longestName(), line.value(o.hex));
        }
        if (line.given(o.size)) {
            int size = line.number(o.size, 0, MAX_PAYLOAD);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) i;
            }
            return bytes;
        }
        if (line.given(o.file)) {
            return readFile(line.value(o.file));
        }
        return new byte[0];
    }

    private byte[] readFile(String path) throws IOException {
        String file = o.file.longestName();
        try (InputStream in = InputFiles.open(path, stdin)) {
            byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
            if (bytes.length > MAX_PAYLOAD) {
                throw new UsageException(file + " " + path + " is larger than " + MAX_PAYLOAD + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw InputFiles.unreadable(file, path, e);
        }
    }
}
