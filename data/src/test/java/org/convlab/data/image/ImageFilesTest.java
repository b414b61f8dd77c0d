package org.convlab.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.convlab.core.BadFileException;
import org.convlab.core.BadParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    private static BufferedImage pattern(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 37 + y * 11 + seed * 101) * 0x010203 & 0xffffff);
            }
        }
        return img;
    }

    private static void assertSamePixels(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertThat(b.getRGB(x, y) & 0xffffff).as("pixel (%d, %d)", x, y).isEqualTo(a.getRGB(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void aPngFileAndPngBytesHoldTheSamePixels() throws Exception {
        BufferedImage img = pattern(7, 5, 1);
        Path file = ImageFiles.png(img, dir.resolve("new/folder/a.png"));
        assertSamePixels(img, ImageIO.read(file.toFile()));
        byte[] bytes = ImageFiles.png(img);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        assertSamePixels(img, ImageIO.read(new ByteArrayInputStream(bytes)));
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void aGifHasEveryFrameItsDelayAndLoopsForever() throws Exception {
        List<BufferedImage> frames = List.of(pattern(6, 4, 1), pattern(6, 4, 2), pattern(6, 4, 3));
        Path file = ImageFiles.gif(frames, 300, dir.resolve("a.gif"));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(1).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(gce.getAttribute("delayTime")).isEqualTo("30");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertThat(app.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat((byte[]) app.getUserObject()).containsExactly(1, 0, 0);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aFailedWriteNamesTheFileAndKeepsWhatWasThere() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        assertThatThrownBy(() -> ImageFiles.png(pattern(2, 2, 0), folder))
                .isInstanceOf(BadFileException.class).hasMessage(folder + ": is a folder, not a file");
        assertThat(folder).isDirectory();
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "kept");
        assertThatThrownBy(() -> ImageFiles.png(pattern(2, 2, 0), notAFolder.resolve("x.png")))
                .isInstanceOf(BadFileException.class).hasMessage(notAFolder + ": is a file, not a folder");
        assertThat(Files.readString(notAFolder)).isEqualTo("kept");
        assertThatThrownBy(() -> ImageFiles.gif(List.of(), 100, dir.resolve("none.gif")))
                .isInstanceOf(BadParameterException.class).hasMessageStartingWith("frames:");
    }
}
