package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import rawsock.app.UsageException;

/**
 * A file an option names for input (--file, --dst-file), "-" meaning stdin, and the one shape of
 * its failure: a usage error naming the option and the path, read before anything is sent.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** The file at {@code path}, or {@code stdin} for "-". */
    static InputStream open(String path, InputStream stdin) throws IOException {
        return path.equals("-") ? stdin : Files.newInputStream(Path.of(path));
    }

    /** "OPTION PATH: no such file", "...: permission denied", or the JDK's own reason. */
    static UsageException unreadable(String option, String path, IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new UsageException(option + " " + path + ": " + reason);
    }
}
