package org.convlab.lab.reporting;

import java.awt.image.BufferedImage;
import java.io.IOException;
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
 * Writes frames as an animated GIF with ImageIO's GIF writer: each frame's delay in the
 * Graphic Control Extension and the NETSCAPE2.0 application extension that makes browsers loop
 * forever.
 */
public final class AnimatedGif {
    private AnimatedGif() {
    }

    /** Writes {@code frames} (all the same size) to {@code file}, {@code delayMillis} per frame, looping. */
    public static void write(List<BufferedImage> frames, int delayMillis, Path file) {
        if (frames.isEmpty()) {
            throw new BadParameterException("frames", "at least one frame", 0);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
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
