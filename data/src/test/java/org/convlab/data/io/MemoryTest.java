package org.convlab.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.convlab.core.BadFileException;
import org.junit.jupiter.api.Test;

class MemoryTest {
    @Test
    void tooLargeForTheHeapIsAClearErrorNotAnOutOfMemoryError() {
        // The tests run with -Xmx2g, so 2^31 - 9 bytes cannot be allocated.
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(Integer.MAX_VALUE + 512L * 1024 * 1024);
        Path f = Path.of("big-images");
        assertThatThrownBy(() -> Memory.bytes(f, Integer.MAX_VALUE - 8, "the pixels of many images"))
                .isInstanceOf(BadFileException.class)
                .hasMessageStartingWith("big-images: needs 2048.0 MiB of memory for the pixels of many images, more"
                        + " than this JVM can allocate (maximum heap ")
                .hasMessageEndingWith("give it more, e.g. CONVLAB_JAVA_OPTS=-Xmx4g");
        assertThat(Memory.bytes(f, 16, "x")).hasSize(16);
    }
}
