package rawsock.app;

/**
 * A request that cannot be carried out as given (exit status 2), found before any packet left:
 * the message is the one line the user sees.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
