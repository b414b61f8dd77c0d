package org.convlab.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.convlab.core.MemoryBudget;
import org.convlab.data.ImageSet;
import org.convlab.tensor.parallel.Parallel;

/**
 * Generates the synthetic data set: image {@code i} of a split shows glyph {@code i mod 10}
 * ({@link Glyph}) at a random position, size, aspect, rotation, stroke width and intensity, on
 * a random background with pixel noise and, half the time, a faint stray stroke.
 *
 * <p>Each image is drawn from its own random stream, a hash of (seed, split, index), so the
 * result is the same for a seed whatever the image count or thread count, and image {@code i}
 * does not change when more images are asked for. Strokes are anti-aliased by distance:
 * coverage = clamp(w + 1/2 - d, 0, 1) for a pixel centre at distance d from the stroke of half
 * width w.
 */
public final class SyntheticImages {
    /** The class names, index = label. */
    public static final List<String> CLASS_NAMES = classNames();

    private static final int CHUNK = 256;

    private SyntheticImages() {
    }

    private static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (Glyph g : Glyph.values()) {
            names.add(g.label());
        }
        return List.copyOf(names);
    }

    /** The training-file images ({@code options.train()} of them). */
    public static ImageSet train(SyntheticOptions options) {
        return generate(options, options.train(), 0);
    }

    /** The test-file images ({@code options.test()} of them), from a stream separate from training. */
    public static ImageSet test(SyntheticOptions options) {
        return generate(options, options.test(), 1);
    }

    private static ImageSet generate(SyntheticOptions o, int count, int split) {
        int imageSize = o.channels() * o.size() * o.size();
        MemoryBudget.require("dataSpec", MemoryBudget.product(count, imageSize + 1L),
                "the " + (split == 0 ? "training" : "test") + " images of " + o.spec());
        byte[] pixels = new byte[count * imageSize];
        byte[] labels = new byte[count];
        int chunks = Parallel.chunksFor(count, CHUNK);
        Parallel.forEach(chunks, c -> {
            float[] canvas = new float[imageSize];
            int end = Math.min(count, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                int label = i % Glyph.values().length;
                labels[i] = (byte) label;
                SplittableRandom r = new SplittableRandom(streamSeed(o.seed(), split, i));
                draw(Glyph.values()[label], o.channels(), o.size(), r, canvas);
                for (int k = 0; k < imageSize; k++) {
                    pixels[i * imageSize + k] = (byte) Math.round(Math.min(255f, Math.max(0f, canvas[k] * 255f)));
                }
            }
        });
        return ImageSet.of(pixels, labels, o.channels(), o.size(), o.size(), CLASS_NAMES);
    }

    private static long streamSeed(long seed, int split, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + split * 0xD1B54A32D192ED03L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Draws one image into {@code out}, (C, size, size), values in [0, 1] before clamping. */
    static void draw(Glyph glyph, int channels, int size, SplittableRandom r, float[] out) {
        double unit = size / 28.0;
        double half = size * uniform(r, 0.24, 0.36);
        double ax = half * uniform(r, 0.85, 1.15);
        double ay = half * uniform(r, 0.85, 1.15);
        double angle = uniform(r, -0.3, 0.3);
        double width = unit * uniform(r, 0.7, 1.4);
        double reach = Math.max(ax, ay) + width + 1;
        double cx = uniform(r, reach, Math.max(reach, size - reach));
        double cy = uniform(r, reach, Math.max(reach, size - reach));
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);

        double[][] segs = glyph.segments();
        double[] seg = new double[segs.length * 4];
        for (int s = 0; s < segs.length; s++) {
            for (int e = 0; e < 2; e++) {
                double u = segs[s][2 * e] * ax;
                double v = segs[s][2 * e + 1] * ay;
                seg[4 * s + 2 * e] = cx + u * cos - v * sin;
                seg[4 * s + 2 * e + 1] = cy + u * sin + v * cos;
            }
        }
        double radius = glyph.radius() * (ax + ay) / 2;

        boolean stray = r.nextInt(2) == 0;
        double[] strayLine = new double[4];
        double strayLevel = 0;
        if (stray) {
            double len = unit * uniform(r, 3, 7);
            double a = uniform(r, 0, Math.PI);
            double sx = uniform(r, 2, size - 2);
            double sy = uniform(r, 2, size - 2);
            strayLine[0] = sx - len / 2 * StrictMath.cos(a);
            strayLine[1] = sy - len / 2 * StrictMath.sin(a);
            strayLine[2] = sx + len / 2 * StrictMath.cos(a);
            strayLine[3] = sy + len / 2 * StrictMath.sin(a);
            strayLevel = uniform(r, 0.2, 0.45);
        }

        double[] fg = new double[channels];
        double[] bg = new double[channels];
        double level = uniform(r, 0.55, 1.0);
        for (int c = 0; c < channels; c++) {
            fg[c] = channels == 1 ? level : level * uniform(r, 0.35, 1.0);
            bg[c] = uniform(r, 0.0, 0.15);
        }
        if (channels == 3) {
            fg[r.nextInt(3)] = level;
        }
        double noise = uniform(r, 0.02, 0.06);
        int plane = size * size;
        // Only pixels near the glyph or the stray stroke need distances; elsewhere coverage is 0.
        double pad = width + 1;
        int gx0 = (int) Math.floor(cx - reach - pad);
        int gx1 = (int) Math.ceil(cx + reach + pad);
        int gy0 = (int) Math.floor(cy - reach - pad);
        int gy1 = (int) Math.ceil(cy + reach + pad);
        double strayWidth = 0.5 * unit;
        int sx0 = (int) Math.floor(Math.min(strayLine[0], strayLine[2]) - strayWidth - 1);
        int sx1 = (int) Math.ceil(Math.max(strayLine[0], strayLine[2]) + strayWidth + 1);
        int sy0 = (int) Math.floor(Math.min(strayLine[1], strayLine[3]) - strayWidth - 1);
        int sy1 = (int) Math.ceil(Math.max(strayLine[1], strayLine[3]) + strayWidth + 1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                double cover = 0;
                if (x >= gx0 && x <= gx1 && y >= gy0 && y <= gy1) {
                    double d2 = Double.MAX_VALUE;
                    for (int s = 0; s < segs.length; s++) {
                        d2 = Math.min(d2, segmentDistance2(px, py, seg[4 * s], seg[4 * s + 1], seg[4 * s + 2],
                                seg[4 * s + 3]));
                    }
                    double d = Math.sqrt(d2);
                    if (radius > 0) {
                        double dc = Math.sqrt(sq(px - cx) + sq(py - cy)) - radius;
                        d = Math.min(d, glyph.filled() ? Math.max(0, dc) : Math.abs(dc));
                    }
                    cover = clamp01(width + 0.5 - d);
                }
                double strayCover = stray && x >= sx0 && x <= sx1 && y >= sy0 && y <= sy1
                        ? clamp01(strayWidth + 0.5 - Math.sqrt(segmentDistance2(px, py, strayLine[0], strayLine[1],
                                strayLine[2], strayLine[3]))) : 0;
                for (int c = 0; c < channels; c++) {
                    double v = bg[c] + (fg[c] - bg[c]) * cover;
                    v = Math.max(v, bg[c] + strayLevel * fg[c] * strayCover);
                    v += noise * gaussian(r);
                    out[c * plane + y * size + x] = (float) v;
                }
            }
        }
    }

    /** Squared distance from (px, py) to the segment (x0, y0)-(x1, y1). */
    private static double segmentDistance2(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
        return sq(px - (x0 + t * dx)) + sq(py - (y0 + t * dy));
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static final double SQRT3 = Math.sqrt(3.0);

    /**
     * An approximately standard normal value: the sum of four uniforms (the four 16-bit parts
     * of one random long), centred and scaled to unit variance (Irwin-Hall).
     */
    private static double gaussian(SplittableRandom r) {
        long bits = r.nextLong();
        long sum = (bits & 0xffff) + (bits >>> 16 & 0xffff) + (bits >>> 32 & 0xffff) + (bits >>> 48);
        return ((sum + 2.0) / 65536.0 - 2.0) * SQRT3;
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
