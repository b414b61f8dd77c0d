package org.convlab.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which convlab this is: its version, the git commit it was built from and the JDK running it,
 * for {@code --version}, checkpoint metadata and report footers.
 *
 * <p>The version and commit come from {@code build-info.properties}, written by the build; a
 * value the build could not fill reads {@code "unknown"}.
 */
public final class BuildInfo {
    private static final String UNKNOWN = "unknown";
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return value("version");
    }

    /** The git commit the classes were built from (abbreviated hash, {@code -dirty} when the tree had changes), or {@code unknown}. */
    public static String commit() {
        return value("commit");
    }

    /** The running JDK: vendor, version and VM, e.g. {@code Eclipse Adoptium 25.0.3}. */
    public static String jdk() {
        return System.getProperty("java.vendor", "?") + " " + System.getProperty("java.version", "?");
    }

    /** One line: {@code convlab 0.1.0-SNAPSHOT (commit abc1234), JDK Eclipse Adoptium 25.0.3}. */
    public static String describe() {
        return "convlab " + version() + " (commit " + commit() + "), JDK " + jdk();
    }

    private static String value(String key) {
        String v = PROPS.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A build without the file still runs; every value reads "unknown".
        }
        return p;
    }
}
