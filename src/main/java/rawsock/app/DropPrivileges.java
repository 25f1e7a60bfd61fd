package rawsock.app;

import rawsock.net.NativeException;
import rawsock.net.Privileges;

/**
 * --user, in one place: the account is looked up while the command line is checked (an unknown
 * user is a usage error before anything is opened), and a job becomes it once every socket it
 * needs is open, never before.
 */
public final class DropPrivileges {
    private static final Log LOG = Log.of(DropPrivileges.class);

    private DropPrivileges() {
    }

    /** The account a run becomes; from {@link #lookup}. */
    public static final class Account {
        private final Privileges.Account ids;

        private Account(Privileges.Account ids) {
            this.ids = ids;
        }

        public String name() {
            return ids.name();
        }
    }

    /**
     * The account called {@code user} in the system's user database.
     *
     * @throws UsageException when there is none
     */
    public static Account lookup(String user) {
        Privileges.Account ids = Privileges.lookup(user);
        if (ids == null) {
            throw new UsageException("--user " + user + ": no such user");
        }
        return new Account(ids);
    }

    /** Becomes {@code account} for good; nothing without --user (null). */
    static void to(Account account) throws NativeException {
        if (account == null) {
            return;
        }
        Privileges.Account ids = account.ids;
        Privileges.dropTo(ids);
        LOG.info("running as {} (uid {}, gid {}) from here on", ids.name(), ids.uid(), ids.gid());
    }
}
