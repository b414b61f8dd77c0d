package org.convlab.app.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Four drawn 28x28 glyphs (ring, plus, triangle, corner): the image source when no data set is
 * available.
 */
final class SyntheticGlyphs implements ImageSource {
    private static final String[] NAMES = {"ring", "plus", "triangle", "corner"};

    @Override
    public String description() {
        return "four drawn glyphs (no data set loaded)";
    }

    @Override
    public int size() {
        return NAMES.length;
    }

    @Override
    public String label(int i) {
        return NAMES[i];
    }

    @Override
    public float[] image(int i) {
        float[] img = new float[SIDE * SIDE];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                double y = r - 13.5;
                double x = c - 13.5;
                double d = switch (i) {
                    case 0 -> Math.abs(Math.hypot(x, y) - 8);
                    case 1 -> Math.min(Math.abs(x) + Math.max(0, Math.abs(y) - 9), Math.abs(y) + Math.max(0, Math.abs(x) - 9));
                    case 2 -> triangle(x, y);
                    default -> Math.min(Math.abs(x + 7) + Math.max(0, Math.abs(y) - 9),
                            Math.abs(y - 9) + Math.max(0, Math.abs(x - 1) - 8));
                };
                img[r * SIDE + c] = (float) Math.max(0, Math.min(1, 2.0 - d));
            }
        }
        return img;
    }

    /** Distance to the outline of a triangle with corners (0,-9), (9,8), (-9,8). */
    private static double triangle(double x, double y) {
        double[][] p = {{0, -9}, {9, 8}, {-9, 8}};
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            double[] a = p[k];
            double[] b = p[(k + 1) % 3];
            double vx = b[0] - a[0];
            double vy = b[1] - a[1];
            double t = Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / (vx * vx + vy * vy)));
            best = Math.min(best, Math.hypot(x - a[0] - t * vx, y - a[1] - t * vy));
        }
        return best;
    }

    @Override
    public List<Example> examples() {
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            list.add(new Example(NAMES[i], i));
        }
        return list;
    }
}
