package rawsock.app;

import java.io.IOException;
import rawsock.net.LinuxConstants;
import rawsock.net.NativeException;

/** Recognises a closed stdout pipe, which ends rawsock quietly with status 0. */
final class Pipes {
    private Pipes() {
    }

    /**
     * EPIPE: the reader of our stdout (head, a closed jq) went away, as the JDK reports it (in
     * the locale's words); or the JDK's own "Stream closed" once the stream was closed after it.
     */
    static boolean isClosed(IOException e) {
        String message = e.getMessage();
        return NativeException.reports(message, LinuxConstants.EPIPE)
                || (message != null && message.contains("Stream closed"));
    }
}
