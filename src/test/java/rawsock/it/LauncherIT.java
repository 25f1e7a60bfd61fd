package rawsock.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rawsock.testing.RequiresRoot;

/**
 * scripts/rawsock, the README's first command, on every JDK 17+ this machine has (each picked with
 * RAWSOCK_JAVA, as a user would): its class cache (an AOT cache on JDK 24+, an AppCDS archive
 * before) is recorded by the training run, so it covers send and picocli even when the first
 * command after a build was {@code --version}; a cache is never used for another jar or JDK; a run
 * that logs nothing does not start Logback; and the JVM says nothing on stderr.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path TARGET = ROOT.resolve("target");
    private static final Pattern FEATURE = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** JDK homes of 17 or later, one per feature release: /usr/lib/jvm and the one running the tests. */
    static List<Path> jdks() throws IOException {
        Map<Integer, Path> byFeature = new TreeMap<>();
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> s = Files.list(jvm)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
                continue;
            }
            Matcher m = FEATURE.matcher(Files.readString(release));
            if (m.find() && Integer.parseInt(m.group(1)) >= 17) {
                byFeature.putIfAbsent(Integer.parseInt(m.group(1)), home.toRealPath());
            }
        }
        return List.copyOf(byFeature.values());
    }

    private static Object[] launcher(Path jdk, String args) throws Exception {
        return ToolProcess.sh("cd " + ROOT + " && RAWSOCK_JAVA=" + jdk + " " + args, 180);
    }

    /** The cache files of the JDK at {@code jdk} (by the feature release in their name). */
    private static List<Path> caches(Path jdk) throws IOException {
        Matcher m = FEATURE.matcher(Files.readString(jdk.resolve("release")));
        assertTrue(m.find());
        String prefix = "rawsock-jdk" + m.group(1) + "-";
        try (Stream<Path> s = Files.list(TARGET)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")).toList();
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theCacheHoldsTheSendPathWhateverRanFirst(Path jdk) throws Exception {
        Path jar = ToolProcess.jar().toAbsolutePath();
        assertEquals(TARGET.resolve("rawsock.jar"), jar, "the launcher runs target/rawsock.jar");
        for (Path old : caches(jdk)) {
            Files.delete(old);
        }

        Object[] version = launcher(jdk, "scripts/rawsock --version");
        assertEquals(0, version[0], (String) version[2]);
        assertTrue(((String) version[1]).startsWith("rawsock "), (String) version[1]);
        assertEquals("", version[2], "the JVM or the launcher wrote on stderr");
        assertEquals(1, caches(jdk).size(), "one cache recorded for " + jdk + ": " + caches(jdk));

        // A send that stops at an interface no machine has: it loads the whole send path, sends nothing.
        Object[] send = launcher(jdk, "RAWSOCK_JAVA_OPTS=-Xlog:class+load scripts/rawsock send"
                + " -d 127.0.0.1 -I rawsock-cds0");
        String log = (String) send[1];
        for (String name : List.of("rawsock.app.SendJob", "rawsock.app.PacketTemplate", "rawsock.net.RawSocket",
                "jnr.ffi.LibraryLoader", "picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec",
                // JNR's stub generators, compiled from source at release 17 so the cache can hold them
                "org.objectweb.asm.ClassWriter", "org.objectweb.asm.util.Printer", "jnr.x86asm.Assembler")) {
            assertTrue(log.contains(" " + name + " source: shared objects file"),
                    name + " did not come from the cache:\n" + log.lines().filter(l -> l.contains(name)).toList());
        }
        // Nothing to log without -v: Logback is never started (a tenth of a one-shot run).
        assertFalse(log.contains("ch.qos.logback"), "Logback started in a run that logs nothing");
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aCacheOlderThanTheJarIsRecordedAgainNeverUsed(Path jdk) throws Exception {
        assertEquals(0, launcher(jdk, "scripts/rawsock --version")[0]);
        List<Path> before = caches(jdk);
        assertEquals(1, before.size(), before.toString());
        Path jar = TARGET.resolve("rawsock.jar");
        // The jar as a rebuild leaves it: newer than the cache, and not in the future (its
        // contents are the same, so the launcher's own rebuild check, sources newer than the jar,
        // stays quiet). Wait (a second at most) until "now" is past the cache's time.
        long cacheMillis = Files.getLastModifiedTime(before.get(0)).toMillis();
        while (System.currentTimeMillis() < cacheMillis + 1100) {
            Thread.sleep(50);
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));

        Object[] run = launcher(jdk, "RAWSOCK_JAVA_OPTS=-Xlog:class+load scripts/rawsock --version");
        assertEquals(0, run[0], (String) run[2]);
        List<Path> after = caches(jdk);
        assertEquals(1, after.size(), after.toString());
        assertTrue(Files.getLastModifiedTime(after.get(0)).compareTo(Files.getLastModifiedTime(jar)) > 0,
                "the cache was not recorded again for the newer jar");
        assertTrue(((String) run[1]).contains(" picocli.CommandLine source: shared objects file"),
                "the new cache was not used");
    }

    /** A JDK updated in place (same home, new 'release') or another home never shares a cache name. */
    @Test
    void aCacheNameBelongsToOneJdk() throws Exception {
        Path a = Files.createTempDirectory("rawsock-jdk-a");
        Path b = Files.createTempDirectory("rawsock-jdk-b");
        try {
            Files.writeString(a.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");
            Files.writeString(b.resolve("release"), Files.readString(a.resolve("release")));
            String first = key(a);
            assertEquals(first, key(a), "the same JDK, the same name");
            assertNotEquals(first, key(b), "another home, another name");
            Files.writeString(a.resolve("release"), "JAVA_VERSION=\"25.0.4\"\nJAVA_RUNTIME_VERSION=\"25.0.4+7-LTS\"\n");
            assertNotEquals(first, key(a), "an update in place, another name");
        } finally {
            for (Path dir : List.of(a, b)) {
                Files.deleteIfExists(dir.resolve("release"));
                Files.deleteIfExists(dir);
            }
        }
    }

    private static String key(Path home) throws Exception {
        Object[] run = ToolProcess.sh(". " + ROOT.resolve("scripts/java-env") + " && JAVA_HOME_DIR=" + home
                + " && rawsock_cache_key", 30);
        assertEquals(0, run[0], (String) run[2]);
        String key = ((String) run[1]).trim();
        assertFalse(key.isEmpty());
        return key;
    }

    /** The README's first command, as root: a one-shot send with -q prints nothing at all on stderr. */
    @ParameterizedTest
    @MethodSource("jdks")
    @RequiresRoot
    void aQuietOneShotSendIsSilent(Path jdk) throws Exception {
        Object[] send = launcher(jdk, "scripts/rawsock -q send -p icmp -d 127.0.0.1");
        assertEquals(0, send[0], (String) send[2]);
        assertEquals("", send[1]);
        assertEquals("", send[2], "stderr of a -q send on " + jdk);
    }
}
