package rawsock.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into rawsock-version.properties at build time. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/rawsock-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("version", "unknown");
        String commit = properties.getProperty("commit", "");
        String stamp = commit.isEmpty() || commit.startsWith("$") ? "" : " (" + commit + ")";
        return new String[] {"rawsock " + version + stamp};
    }
}
