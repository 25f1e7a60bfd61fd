package rawsock.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The capture file --read-pcap names (recv reads it, send replays it) and the one wording of its
 * failures, usage errors naming the path.
 */
final class ReadPcapFile {
    private ReadPcapFile() {
    }

    /** The file at {@code path}, opened; "no such file" or "cannot read (...)" as a usage error. */
    static InputStream open(String path) {
        try {
            return Files.newInputStream(Path.of(path));
        } catch (NoSuchFileException e) {
            throw new UsageException("--read-pcap " + path + ": no such file");
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    /** A failure to read the file at {@code path} (a directory opens, but reading it fails). */
    static UsageException cannotRead(String path, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new UsageException("--read-pcap " + path + ": cannot read (" + reason + ")");
    }
}
