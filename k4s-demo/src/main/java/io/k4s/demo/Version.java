package io.k4s.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Say which k4s this is and which Java runs it: {@code k4s 0.1.0-SNAPSHOT} and
 * {@code Java 25.0.1 (/usr/lib/jvm/...)}. Stateless and thread-safe.
 */
final class Version implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The project version the jar was built from, for example {@code 0.1.0-SNAPSHOT}. */
    static String k4s() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown (no " + RESOURCE + " next to " + Version.class.getName() + ")";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The lines {@code version} prints. */
    static String[] lines() {
        return new String[] {"k4s " + k4s(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
