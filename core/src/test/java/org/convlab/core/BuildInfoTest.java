package org.convlab.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theVersionIsTheBuildsNotAPlaceholder() {
        assertThat(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(BuildInfo.commit()).doesNotContain("${");
        assertThat(BuildInfo.describe()).startsWith("convlab " + BuildInfo.version() + " (commit ")
                .contains(System.getProperty("java.version"));
    }
}
