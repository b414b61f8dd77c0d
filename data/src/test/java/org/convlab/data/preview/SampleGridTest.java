package org.convlab.data.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.convlab.data.ImageSet;
import org.convlab.data.synthetic.SyntheticImages;
import org.convlab.data.synthetic.SyntheticOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    @TempDir
    Path dir;

    @Test
    void aRowPerClassOfEnlargedImages() throws Exception {
        ImageSet set = SyntheticImages.train(new SyntheticOptions(1, 28, 100, 10, 1));
        Path png = SampleGrid.write(set, "synthetic", 4, dir.resolve("sub/grid.png"));
        BufferedImage img = ImageIO.read(png.toFile());
        int cell = 28 * SampleGrid.scaleFor(28);
        assertThat(cell).isEqualTo(84);
        assertThat(img.getHeight()).isGreaterThan(10 * cell);
        assertThat(img.getWidth()).isGreaterThan(4 * cell);
        // The bottom-right pixel of the last sample of the last class is the image's pixel (27, 27), grey.
        int right = img.getWidth() - 10 - 1;
        int bottom = img.getHeight() - 10 - 1;
        int rgb = img.getRGB(right, bottom) & 0xffffff;
        int index = set.indexOfClass(9, set.indexOfClass(9, set.indexOfClass(9, set.indexOfClass(9, 0) + 1) + 1) + 1);
        int p = set.pixel(index, 0, 27, 27);
        assertThat(rgb).isEqualTo(p << 16 | p << 8 | p);
    }
}
