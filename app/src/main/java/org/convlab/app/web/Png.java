package org.convlab.app.web;

import java.awt.image.BufferedImage;
import org.convlab.data.image.ImageFiles;

/**
 * Row-major float maps as PNG images, one pixel per value (the page enlarges them without
 * smoothing): inputs in grey, network outputs through a dark-blue-to-yellow colour scale.
 */
public final class Png {
    /** Colour stops of the output scale, from 0 (dark blue) to the map's maximum (yellow). */
    private static final int[][] STOPS = {
        {13, 8, 35}, {59, 60, 140}, {33, 145, 140}, {110, 200, 90}, {250, 230, 40},
    };

    private Png() {
    }

    /** Values in [0, 1] (clamped) as grey levels: 0 black, 1 white. */
    public static byte[] grey(float[] v, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int g = (int) Math.round(255 * clamp(v[r * w + c]));
                img.setRGB(c, r, g << 16 | g << 8 | g);
            }
        }
        return encode(img);
    }

    /**
     * Non-negative values scaled by their maximum onto the colour scale (an all-zero map is
     * dark blue). Each image has its own scale: the page compares where the activity is, not how much.
     */
    public static byte[] heat(float[] v, int h, int w) {
        float max = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                max = Math.max(max, x);
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float x = v[r * w + c];
                img.setRGB(c, r, colour(max > 0 && Float.isFinite(x) ? clamp(x / max) : 0));
            }
        }
        return encode(img);
    }

    /** The colour between the tiles of {@link #heatTiles}. */
    static final int GAP_COLOUR = 0xd8d8d8;
    /** Pixels between the tiles of {@link #heatTiles}. */
    static final int GAP = 2;

    /**
     * The first {@code n} planes of {@code v} {@code (C, h, w)}, row-major, as tiles {@code columns}
     * to a row with a grey gap of {@link #GAP} pixels between them, each plane scaled to its own
     * maximum as in {@link #heat}.
     */
    public static byte[] heatTiles(float[] v, int n, int h, int w, int columns) {
        int cols = Math.max(1, Math.min(columns, n));
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * w + (cols - 1) * GAP, rows * h + (rows - 1) * GAP,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, GAP_COLOUR);
            }
        }
        for (int p = 0; p < n; p++) {
            int offset = p * h * w;
            float max = 0;
            for (int i = 0; i < h * w; i++) {
                if (Float.isFinite(v[offset + i])) {
                    max = Math.max(max, v[offset + i]);
                }
            }
            int x0 = (p % cols) * (w + GAP);
            int y0 = (p / cols) * (h + GAP);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float x = v[offset + r * w + c];
                    img.setRGB(x0 + c, y0 + r, colour(max > 0 && Float.isFinite(x) ? clamp(x / max) : 0));
                }
            }
        }
        return encode(img);
    }

    /** The colour of t in [0, 1] on the output scale, as 0xRRGGBB. */
    static int colour(double t) {
        double pos = t * (STOPS.length - 1);
        int i = Math.min((int) pos, STOPS.length - 2);
        double f = pos - i;
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
            int value = (int) Math.round(STOPS[i][ch] + f * (STOPS[i + 1][ch] - STOPS[i][ch]));
            rgb = rgb << 8 | value;
        }
        return rgb;
    }

    private static double clamp(float x) {
        return Float.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
    }

    private static byte[] encode(BufferedImage img) {
        return ImageFiles.png(img);
    }
}
