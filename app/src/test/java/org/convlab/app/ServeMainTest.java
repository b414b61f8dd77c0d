package org.convlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServeMainTest {
    @Test
    void theServeLauncherRunsServeWithTheOptionsGiven() {
        assertThat(ServeMain.commandLine()).containsExactly("serve");
        assertThat(ServeMain.commandLine("--port", "9000", "--data", "synthetic"))
                .containsExactly("serve", "--port", "9000", "--data", "synthetic");
    }

    @Test
    void theServeLauncherOfTheImageBoundsTheHeapAndKeepsTheEnginesFlags() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/jpackage/convlab-serve.properties"))) {
            p.load(in);
        }
        assertThat(p.getProperty("main-class")).isEqualTo(ServeMain.class.getName());
        assertThat(p.getProperty("java-options").split(" "))
                .contains("--add-modules=jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx1g");
    }
}
