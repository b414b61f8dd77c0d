package org.convlab.data.preview;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;
import org.convlab.data.ImageSet;
import org.convlab.data.image.ImageFiles;

/**
 * A PNG of sample images, one row per class with its name, each image enlarged with nearest
 * neighbour scaling so that a person can see the pixels. Without a usable font (a Java runtime
 * with no fonts installed) the grid is drawn without its title and names.
 */
public final class SampleGrid {
    /** The most sample images per class a grid shows. */
    public static final int MAX_PER_CLASS = 100;
    private static final int TARGET_CELL = 84;
    private static final int GAP = 4;
    private static final int MARGIN = 10;
    private static final Color BACKGROUND = new Color(40, 40, 46);
    private static final Color TEXT = new Color(235, 235, 235);

    private SampleGrid() {
    }

    /** The scale that makes an image of {@code side} pixels about 84 pixels wide (at least 1). */
    public static int scaleFor(int side) {
        return Math.max(1, (TARGET_CELL + side - 1) / side);
    }

    /**
     * Renders the first {@code perClass} images of every class of {@code set}, a row per class
     * labelled with its name, under {@code title}. A class with fewer images leaves blanks.
     */
    public static BufferedImage render(ImageSet set, String title, int perClass) {
        if (perClass < 1 || perClass > MAX_PER_CLASS) {
            throw new BadParameterException("perClass", "1.." + MAX_PER_CLASS + " samples per class", perClass);
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        int scale = scaleFor(Math.max(set.height(), set.width()));
        int cellW = set.width() * scale;
        int cellH = set.height() * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font titleFont = font.deriveFont(Font.BOLD, 15f);
        int labelW = 0;
        int titleH = 0;
        boolean text = true;
        try {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = probe.createGraphics();
            FontMetrics fm = pg.getFontMetrics(font);
            for (String name : set.classNames()) {
                labelW = Math.max(labelW, fm.stringWidth(set.classes() - 1 + " " + name));
            }
            titleH = pg.getFontMetrics(titleFont).getHeight() + 8;
            pg.dispose();
            labelW += 12;
        } catch (RuntimeException | Error e) {
            // No usable font (a JRE without fontconfig or fonts): draw the grid without text.
            if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
                throw e;
            }
            text = false;
            labelW = 0;
            titleH = 0;
        }

        int width = 2 * MARGIN + labelW + perClass * (cellW + GAP) - GAP;
        int height = 2 * MARGIN + titleH + set.classes() * (cellH + GAP) - GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        FontMetrics m = null;
        if (text) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(TEXT);
            g.setFont(titleFont);
            g.drawString(title, MARGIN, MARGIN + g.getFontMetrics().getAscent());
            g.setFont(font);
            m = g.getFontMetrics();
        }
        int[] rgb = new int[cellW * cellH];
        for (int label = 0; label < set.classes(); label++) {
            int y0 = MARGIN + titleH + label * (cellH + GAP);
            if (m != null) {
                g.setColor(TEXT);
                g.drawString(label + " " + set.classNames().get(label), MARGIN, y0 + (cellH + m.getAscent()) / 2 - 2);
            }
            int index = -1;
            for (int k = 0; k < perClass; k++) {
                index = set.indexOfClass(label, index + 1);
                if (index < 0) {
                    break;
                }
                fill(set, index, scale, rgb);
                img.setRGB(MARGIN + labelW + k * (cellW + GAP), y0, cellW, cellH, rgb, 0, cellW);
            }
        }
        g.dispose();
        return img;
    }

    private static void fill(ImageSet set, int i, int scale, int[] rgb) {
        int w = set.width() * scale;
        boolean colour = set.channels() >= 3;
        for (int y = 0; y < set.height() * scale; y++) {
            for (int x = 0; x < w; x++) {
                int sy = y / scale;
                int sx = x / scale;
                int r = set.pixel(i, 0, sy, sx);
                int gr = colour ? set.pixel(i, 1, sy, sx) : r;
                int b = colour ? set.pixel(i, 2, sy, sx) : r;
                rgb[y * w + x] = r << 16 | gr << 8 | b;
            }
        }
    }

    /** Renders as {@link #render} and writes the PNG to {@code file}, creating its directory. */
    public static Path write(ImageSet set, String title, int perClass, Path file) {
        return ImageFiles.png(render(set, title, perClass), file);
    }
}
