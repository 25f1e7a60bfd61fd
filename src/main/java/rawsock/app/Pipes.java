package rawsock.app;

import java.io.IOException;

/** Recognises a closed stdout pipe, which ends rawsock quietly with status 0. */
final class Pipes {
    private Pipes() {
    }

    /** EPIPE: the reader of our stdout (head, a closed jq) went away. */
    static boolean isClosed(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Broken pipe") || message.contains("Stream closed");
    }
}
