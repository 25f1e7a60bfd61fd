package rawsock;

/** Entry point; all behaviour lives in rawsock.cli. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
    }
}
