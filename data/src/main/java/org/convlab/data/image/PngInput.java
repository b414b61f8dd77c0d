package org.convlab.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.convlab.core.BadFileException;

/**
 * Reads a PNG image as the pixel bytes of one sample {@code (C, H, W)}, channel-planar, for a
 * model that takes {@code C} channels of {@code H x W}: grey PNGs (with or without alpha) for one
 * channel, colour PNGs (RGB or a palette, with or without alpha) for three; alpha is ignored and
 * 16-bit samples keep their high byte, 1- to 4-bit grey is scaled to 0..255.
 *
 * <p>The chunks are checked (each inside the file, its CRC-32, IEND last: a cut-short image would
 * otherwise decode with missing rows), then the size and colour type are read from the PNG header
 * and checked against the model, all before the image is decoded, so a wrong or huge image is refused without allocating its pixels.
 */
public final class PngInput {
    /** The largest PNG file read (a 28x28 or 32x32 image is a few kilobytes). */
    public static final long MAX_BYTES = 64L << 20;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngInput() {
    }

    /**
     * The pixels of {@code file}, {@code channels * height * width} bytes, channel by channel.
     *
     * @throws BadFileException naming the file when it is not a PNG, damaged, or of another size
     *                          or channel count than the model's
     */
    public static byte[] read(Path file, int channels, int height, int width) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new BadFileException(file, "is " + size + " bytes; an image to predict is at most " + MAX_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        Header h = header(file, bytes);
        if (h.width != width || h.height != height) {
            throw new BadFileException(file, "is " + h.width + "x" + h.height + " pixels; the model takes " + width
                    + "x" + height + " (width x height)");
        }
        if (h.channels() != channels) {
            throw new BadFileException(file, "is a " + (h.channels() == 1 ? "grey" : "colour") + " image; the model"
                    + " takes " + (channels == 1 ? "grey images (1 channel)" : channels + "-channel images"
                    + (channels == 3 ? " (colour)" : "")));
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new BadFileException(file, "is not a PNG image, or damaged: " + e.getMessage());
        }
        if (img == null || img.getWidth() != width || img.getHeight() != height) {
            throw new BadFileException(file, "is not a PNG image, or damaged");
        }
        return pixels(img, channels);
    }

    private record Header(int width, int height, int bitDepth, int colourType) {
        int channels() {
            return colourType == 0 || colourType == 4 ? 1 : 3;
        }
    }

    private static Header header(Path file, byte[] b) {
        if (b.length < 33) {
            throw new BadFileException(file, "is not a PNG image (" + b.length + " bytes, shorter than a PNG header)");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) {
                throw new BadFileException(file, 0, "a PNG signature", "other bytes (not a PNG image)");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        if (buf.getInt(8) != 13 || buf.getInt(12) != 0x49484452) {
            throw new BadFileException(file, 8, "the IHDR chunk of 13 bytes", "something else (damaged PNG)");
        }
        int width = buf.getInt(16);
        int height = buf.getInt(20);
        int depth = b[24];
        int type = b[25];
        if (width < 1 || height < 1 || !(type == 0 || type == 2 || type == 3 || type == 4 || type == 6)) {
            throw new BadFileException(file, 16, "positive width and height and a PNG colour type",
                    width + "x" + height + ", colour type " + type);
        }
        checkChunks(file, b);
        return new Header(width, height, depth, type);
    }

    /** Every chunk lies inside the file with a matching CRC-32, and the last is IEND: a cut or flipped file is refused. */
    private static void checkChunks(Path file, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int at = SIGNATURE.length;
        while (true) {
            if (b.length - at < 12) {
                throw new BadFileException(file, at, "a PNG chunk (the file ends with IEND)", "the end of the file"
                        + " (cut short?)");
            }
            long length = buf.getInt(at) & 0xffffffffL;
            if (length > b.length - at - 12) {
                throw new BadFileException(file, at, "a chunk length within the file's " + b.length + " bytes",
                        Long.toString(length) + " (damaged or cut short)");
            }
            CRC32 crc = new CRC32();
            crc.update(b, at + 4, 4 + (int) length);
            int stored = buf.getInt(at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new BadFileException(file, at, "a chunk whose CRC-32 matches its bytes", "a mismatch (damaged)");
            }
            boolean end = buf.getInt(at + 4) == 0x49454e44; // IEND
            at += 12 + (int) length;
            if (end) {
                return;
            }
        }
    }

    private static byte[] pixels(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[channels * h * w];
        Raster r = img.getRaster();
        // Samples straight from the raster: getRGB would convert a grey image through a gamma curve.
        boolean indexed = img.getColorModel() instanceof IndexColorModel;
        int bits = r.getSampleModel().getSampleSize(0);
        int shift = Math.max(0, bits - 8);
        int max = bits < 8 ? (1 << bits) - 1 : 255; // 1-, 2- and 4-bit grey are scaled to 0..255
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                if (indexed) {
                    int rgb = img.getRGB(x, y);
                    out[at] = (byte) (rgb >> 16);
                    out[h * w + at] = (byte) (rgb >> 8);
                    out[2 * h * w + at] = (byte) rgb;
                } else {
                    for (int c = 0; c < channels; c++) {
                        out[c * h * w + at] = (byte) ((r.getSample(x, y, c) >> shift) * 255 / max);
                    }
                }
            }
        }
        return out;
    }
}
