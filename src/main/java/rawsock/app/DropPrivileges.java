package rawsock.app;

import rawsock.net.NativeException;
import rawsock.net.Privileges;

/** --user: called once every socket a job needs is open, never before. */
final class DropPrivileges {
    private static final Log LOG = Log.of(DropPrivileges.class);

    private DropPrivileges() {
    }

    static void to(Privileges.Account account) throws NativeException {
        if (account == null) {
            return;
        }
        Privileges.dropTo(account);
        LOG.info("running as {} (uid {}, gid {}) from here on", account.name(), account.uid(), account.gid());
    }
}
