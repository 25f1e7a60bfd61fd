package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import rawsock.testing.RequiresRoot;

/**
 * scripts/install builds a private runtime; with --setcap an ordinary user (nobody) runs rawsock
 * without sudo and gets the kernel's echo replies; without it, exit 3 and the advice. Both installs
 * put the man page where man finds it and the bash and zsh completion where those shells look.
 * Uninstall removes the files and the loader entry.
 */
@RequiresRoot
class InstallIT {
    /** What scripts/install puts under PREFIX besides the runtime: the built files they copy. */
    private static final List<String[]> DOCS = List.of(
            new String[] {"share/man/man1/rawsock.1", "man/rawsock.1"},
            new String[] {"share/bash-completion/completions/rawsock", "completion/rawsock.bash"},
            new String[] {"share/zsh/site-functions/_rawsock", "completion/_rawsock"});
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups");

    @Test
    void setcapLetsNobodyProbeAndWithoutItNobodyIsTold() throws Exception {
        Path base = Files.createTempDirectory("rawsock-install", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path granted = base.resolve("granted");
        Path plain = base.resolve("plain");
        try {
            Object[] install = ToolProcess.sh("scripts/install --prefix " + granted + " --setcap", 300);
            assertEquals(0, install[0], (String) install[2]);
            assertTrue(Files.exists(loaderEntry(granted)), "--setcap names the runtime's lib to the loader");
            Object[] installPlain = ToolProcess.sh("scripts/install --prefix " + plain, 300);
            assertEquals(0, installPlain[0], (String) installPlain[2]);

            for (Path prefix : List.of(granted, plain)) {
                for (String[] doc : DOCS) {
                    assertEquals(-1L, Files.mismatch(ToolProcess.jar().toAbsolutePath().getParent().resolve(doc[1]),
                            prefix.resolve(doc[0])), prefix + ": " + doc[0]);
                }
                // man finds the page through the prefix's bin on PATH, as for ~/.local/bin.
                Object[] where = ToolProcess.sh("PATH=" + prefix.resolve("bin") + ":$PATH man -w rawsock", 30);
                assertEquals(prefix.resolve("share/man/man1/rawsock.1").toString(), ((String) where[1]).strip(),
                        (String) where[2]);
            }

            Object[] probe = run(granted, "send -d 127.0.0.1 -c 2 -i 20ms --wait");
            assertEquals(0, probe[0], "nobody probes with the capability: " + probe[2]);
            assertEquals(2, ((String) probe[1]).lines().filter(l -> l.contains("echo-reply")).count(),
                    (String) probe[1]);

            Object[] refused = run(plain, "send -d 127.0.0.1");
            assertEquals(3, refused[0], (String) refused[2]);
            assertTrue(((String) refused[2]).contains("CAP_NET_RAW"), (String) refused[2]);

            // The system's own java never gets the capability.
            Object[] systemJava = ToolProcess.sh("getcap $(readlink -f $(command -v java))", 30);
            assertEquals("", ((String) systemJava[1]).strip());
        } finally {
            Object[] uninstall = ToolProcess.sh("scripts/uninstall --prefix " + granted
                    + " && scripts/uninstall --prefix " + plain, 60);
            assertEquals(0, uninstall[0], (String) uninstall[2]);
        }
        assertFalse(Files.exists(granted.resolve("bin/rawsock")));
        assertFalse(Files.exists(granted.resolve("lib/rawsock")));
        for (Path prefix : List.of(granted, plain)) {
            for (String[] doc : DOCS) {
                assertFalse(Files.exists(prefix.resolve(doc[0])), prefix + ": " + doc[0] + " is left");
            }
        }
        assertFalse(Files.exists(loaderEntry(granted)), "the loader entry is gone");
    }

    /** The file scripts/install --setcap writes for a prefix (its lib/rawsock path, '/' as '_'). */
    private static Path loaderEntry(Path prefix) {
        return Path.of("/etc/ld.so.conf.d", "rawsock-" + prefix.resolve("lib/rawsock").toString().replace('/', '_') + ".conf");
    }

    private static Object[] run(Path prefix, String args) throws Exception {
        return ToolProcess.sh(String.join(" ", AS_NOBODY) + " " + prefix.resolve("bin/rawsock") + " " + args, 60);
    }
}
