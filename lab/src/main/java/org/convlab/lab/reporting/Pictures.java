package org.convlab.lab.reporting;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.convlab.core.BadFileException;
import org.convlab.core.SafeFiles;
import org.convlab.tensor.Tensor;

/**
 * Tensors as pictures: one plane of a tensor mapped through a colour map onto pixels (nearest
 * neighbour, {@code scale} screen pixels per value), panels with captions laid out in rows, and
 * PNG files. The HTML report shows them with {@code image-rendering: pixelated}, so small files
 * stay sharp when enlarged.
 */
public final class Pictures {
    /** The page background of panels. */
    public static final Color BACKGROUND = Color.WHITE;
    private static final Color INK = new Color(40, 44, 52);

    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    }

    private Pictures() {
    }

    /** How values become colours. */
    public enum ColorMap {
        /** Black (low) to white (high). */
        GREY,
        /** Dark blue through teal to yellow (a perceptually ordered ramp like viridis). */
        HEAT;

        private static final int[][] HEAT_STOPS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98},
            {253, 231, 37}};

        /** The colour of {@code t} in [0, 1] (clamped). */
        public int rgb(double t) {
            double v = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
            if (this == GREY) {
                int g = (int) Math.round(v * 255);
                return g << 16 | g << 8 | g;
            }
            double p = v * (HEAT_STOPS.length - 1);
            int i = Math.min((int) p, HEAT_STOPS.length - 2);
            double f = p - i;
            int[] a = HEAT_STOPS[i];
            int[] b = HEAT_STOPS[i + 1];
            int r = (int) Math.round(a[0] + f * (b[0] - a[0]));
            int g = (int) Math.round(a[1] + f * (b[1] - a[1]));
            int bl = (int) Math.round(a[2] + f * (b[2] - a[2]));
            return r << 16 | g << 8 | bl;
        }
    }

    /**
     * Plane {@code plane} (the leading indices flattened) of {@code t}, whose last two
     * dimensions are (H, W), with values {@code lo..hi} mapped to the colour map's ends.
     */
    public static BufferedImage plane(Tensor t, int plane, double lo, double hi, ColorMap map, int scale) {
        int h = t.dim(-2);
        int w = t.dim(-1);
        float[] d = t.data();
        int base = plane * h * w;
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        double range = hi > lo ? hi - lo : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = map.rgb((d[base + y * w + x] - lo) / range);
                for (int sy = 0; sy < scale; sy++) {
                    for (int sx = 0; sx < scale; sx++) {
                        img.setRGB(x * scale + sx, y * scale + sy, rgb);
                    }
                }
            }
        }
        return img;
    }

    /** The smallest and largest value of plane {@code plane} of {@code t}. */
    public static double[] range(Tensor t, int plane) {
        int hw = t.dim(-2) * t.dim(-1);
        float[] d = t.data();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = plane * hw; i < (plane + 1) * hw; i++) {
            lo = Math.min(lo, d[i]);
            hi = Math.max(hi, d[i]);
        }
        return new double[] {lo, hi};
    }

    /** A picture with a caption above it. */
    public record Panel(String caption, BufferedImage image) {
    }

    /**
     * Panels in rows of {@code perRow}, captions above each, an optional title on top, on white.
     */
    public static BufferedImage grid(String title, List<Panel> panels, int perRow, int gap) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int captionH = panels.stream().anyMatch(p -> p.caption() != null && !p.caption().isEmpty())
                ? fm.getHeight() + 2 : 0;
        int titleH = title == null ? 0 : pg.getFontMetrics(titleFont).getHeight() + 6;
        pg.dispose();
        int cellW = panels.stream().mapToInt(p -> Math.max(p.image().getWidth(),
                p.caption() == null ? 0 : fm.stringWidth(p.caption()) + 2)).max().orElse(1);
        int cellH = panels.stream().mapToInt(p -> p.image().getHeight()).max().orElse(1);
        int rows = (panels.size() + perRow - 1) / perRow;
        int cols = Math.min(perRow, panels.size());
        int width = gap + cols * (cellW + gap);
        if (title != null) {
            BufferedImage probe2 = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g2 = probe2.createGraphics();
            width = Math.max(width, 2 * gap + g2.getFontMetrics(titleFont).stringWidth(title));
            g2.dispose();
        }
        int height = gap + titleH + rows * (cellH + captionH + gap);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(INK);
        if (title != null) {
            g.setFont(titleFont);
            g.drawString(title, gap, gap + g.getFontMetrics().getAscent());
        }
        g.setFont(font);
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int x = gap + (i % perRow) * (cellW + gap);
            int y = gap + titleH + (i / perRow) * (cellH + captionH + gap);
            if (p.caption() != null && !p.caption().isEmpty()) {
                String c = fit(p.caption(), g.getFontMetrics(), cellW);
                g.drawString(c, x, y + g.getFontMetrics().getAscent());
            }
            g.drawImage(p.image(), x, y + captionH, null);
        }
        g.dispose();
        return img;
    }

    /** Writes {@code img} as a PNG, creating folders. */
    public static void png(BufferedImage img, Path file) {
        SafeFiles.createFolders(file.toAbsolutePath().getParent());
        SafeFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new BadFileException(file, "cannot be written: no PNG writer");
            }
        });
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
