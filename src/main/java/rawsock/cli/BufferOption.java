package rawsock.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import rawsock.app.UsageException;
import rawsock.text.Numbers;


/**
 * recv --buffer: at least 4 KiB, and no more than the machine's physical memory (MemTotal in
 * /proc/meminfo). The queue maps memory only as packets wait in it, so the kernel would promise
 * far more than that (overcommit) and fail only once it is used; asking for more memory than
 * there is can only end that way, so it is refused up front.
 */
final class BufferOption {
    static final long MIN = 4096;

    private BufferOption() {
    }

    /** {@code bytes}, or a usage error naming {@code option} (recv's --buffer). */
    static long check(String option, long bytes) {
        if (bytes < MIN) {
            throw new UsageException(option + " " + bytes + " is out of range (at least " + MIN + " bytes)");
        }
        long limit = physicalMemory();
        if (limit > 0 && bytes > limit) {
            throw new UsageException(option + " " + bytes + " is more than this machine's memory (" + limit
                    + " bytes, MemTotal in /proc/meminfo)");
        }
        return bytes;
    }

    /** MemTotal in bytes, or 0 when /proc/meminfo cannot be read. */
    static long physicalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    String[] fields = line.trim().split("\\s+");
                    return Math.max(0, Numbers.parseOrMinusOne(fields[1], Numbers.DIGITS)) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
