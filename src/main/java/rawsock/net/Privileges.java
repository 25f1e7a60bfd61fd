package rawsock.net;

import jnr.ffi.Pointer;

/**
 * Dropping root once the sockets are open (like tcpdump -Z): supplementary groups cleared, then
 * the group, then the user, in that order (after setuid a process may no longer change groups).
 * Raw sockets already open keep working; nothing opened later gets root's rights.
 */
public final class Privileges {
    private Privileges() {
    }

    /** A user's ids from the system's user database (getpwnam: files, LDAP, whatever NSS has). */
    public static final class Account {
        private final String name;
        private final int uid;
        private final int gid;

        Account(String name, int uid, int gid) {
            this.name = name;
            this.uid = uid;
            this.gid = gid;
        }

        public String name() {
            return name;
        }

        public int uid() {
            return uid;
        }

        public int gid() {
            return gid;
        }
    }

    /** The account called {@code name}, or null when there is none. */
    public static Account lookup(String name) {
        Pointer passwd = Native.extra().getpwnam(name);
        if (passwd == null) {
            return null;
        }
        return new Account(name, passwd.getInt(Layouts.PW_UID), passwd.getInt(Layouts.PW_GID));
    }

    /** Becomes {@code account} for good; throws when any step fails (nothing half-dropped runs on). */
    public static void dropTo(Account account) throws NativeException {
        Native.check(Native.extra().setgroups(0, null), "setgroups(0)");
        Native.check(Native.extra().setgid(account.gid()), "setgid(" + account.gid() + ")");
        Native.check(Native.extra().setuid(account.uid()), "setuid(" + account.uid() + ")");
        // Proof that it cannot be undone: root's setuid(0) must now fail.
        if (account.uid() != 0 && Native.extra().setuid(0) == 0) {
            throw NativeException.of("setuid(0) after dropping to " + account.name(), LinuxConstants.EPERM,
                    "the process could regain root; refusing to go on");
        }
    }
}
