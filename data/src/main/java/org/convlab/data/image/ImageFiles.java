package org.convlab.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;

/**
 * Writes images as PNG or animated GIF with ImageIO, through {@link SafeFiles}: a file is written
 * beside its destination and moved into place when complete, missing folders are created, links
 * and devices are refused, so a failed write leaves the previous file as it was; a failure is a
 * {@code BadFileException} naming the file and the reason in words.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** The PNG encoding of {@code img}. */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            encodePng(img, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code img} as a PNG to {@code file} (through {@link SafeFiles}: never through a link or onto a device). */
    public static Path png(BufferedImage img, Path file) {
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
        SafeFiles.write(file, out -> encodePng(img, out));
        return file;
    }

    /**
     * Writes {@code frames} (all the same size) as an animated GIF to {@code file},
     * {@code delayMillis} per frame (in hundredths of a second, at least one), looping forever:
     * each frame's delay goes in its Graphic Control Extension and the NETSCAPE2.0 application
     * extension makes browsers loop.
     */
    public static Path gif(List<BufferedImage> frames, int delayMillis, Path file) {
        if (frames.isEmpty()) {
            throw new BadParameterException("frames", "at least one frame", 0);
        }
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            SafeFiles.write(file, stream -> {
                try (ImageOutputStream out = ImageIO.createImageOutputStream(stream)) {
                    writer.setOutput(out);
                    writer.prepareWriteSequence(null);
                    for (BufferedImage frame : frames) {
                        BufferedImage rgb = frame.getType() == BufferedImage.TYPE_INT_RGB ? frame : toRgb(frame);
                        IIOMetadata meta = writer.getDefaultImageMetadata(
                                ImageTypeSpecifier.createFromRenderedImage(rgb), null);
                        configure(meta, delayMillis);
                        writer.writeToSequence(new IIOImage(rgb, null, meta), null);
                    }
                    writer.endWriteSequence();
                }
            });
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static void encodePng(BufferedImage img, OutputStream out) throws IOException {
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    private static void configure(IIOMetadata meta, int delayMillis) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMillis / 10)));
        gce.setAttribute("transparentColorIndex", "0");
        IIOMetadataNode apps = child(root, "ApplicationExtensions");
        IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
        app.setAttribute("applicationID", "NETSCAPE");
        app.setAttribute("authenticationCode", "2.0");
        app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
        apps.appendChild(app);
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    private static BufferedImage toRgb(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src, 0, 0, null);
        return out;
    }
}
