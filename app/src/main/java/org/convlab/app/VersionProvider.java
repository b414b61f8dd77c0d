package org.convlab.app;

import org.convlab.core.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code convlab --version} prints: the version, the git commit the build came from
 * ({@code -dirty} when the tree had changes, {@code unknown} outside git) and the JDK running it.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "convlab " + BuildInfo.version(),
            "commit  " + BuildInfo.commit(),
            "JDK     " + BuildInfo.jdk() + " (" + System.getProperty("java.home", "?") + ")",
        };
    }
}
