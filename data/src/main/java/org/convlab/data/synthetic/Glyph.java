package org.convlab.data.synthetic;

/**
 * The ten shapes of the synthetic data set, one per class, drawn as strokes in a unit box
 * {@code [-1, 1]^2} (y down). Each is a few line segments, a circle outline or a filled disc.
 */
public enum Glyph {
    /** A circle outline. */
    RING("ring", new double[][] {}, 0.8, false),
    /** A filled disc. */
    DISC("disc", new double[][] {}, 0.6, true),
    /** A square outline. */
    SQUARE("square", new double[][] {
        {-0.7, -0.7, 0.7, -0.7}, {0.7, -0.7, 0.7, 0.7}, {0.7, 0.7, -0.7, 0.7}, {-0.7, 0.7, -0.7, -0.7}}, 0, false),
    /** A plus sign. */
    PLUS("plus", new double[][] {{-0.85, 0, 0.85, 0}, {0, -0.85, 0, 0.85}}, 0, false),
    /** A diagonal cross. */
    CROSS("cross", new double[][] {{-0.7, -0.7, 0.7, 0.7}, {-0.7, 0.7, 0.7, -0.7}}, 0, false),
    /** A triangle outline, apex up. */
    TRIANGLE("triangle", new double[][] {
        {0, -0.8, 0.85, 0.7}, {0.85, 0.7, -0.85, 0.7}, {-0.85, 0.7, 0, -0.8}}, 0, false),
    /** Two horizontal bars, an equals sign. */
    BARS("bars", new double[][] {{-0.8, -0.4, 0.8, -0.4}, {-0.8, 0.4, 0.8, 0.4}}, 0, false),
    /** An L: a vertical stroke and a foot to the right. */
    CORNER("corner", new double[][] {{-0.6, -0.85, -0.6, 0.7}, {-0.6, 0.7, 0.75, 0.7}}, 0, false),
    /** A T: a top bar and a stem. */
    TEE("tee", new double[][] {{-0.8, -0.7, 0.8, -0.7}, {0, -0.7, 0, 0.85}}, 0, false),
    /** A V: two strokes meeting at the bottom. */
    CHEVRON("chevron", new double[][] {{-0.8, -0.7, 0, 0.75}, {0, 0.75, 0.8, -0.7}}, 0, false);

    private final String label;
    private final double[][] segments;
    private final double radius;
    private final boolean filled;

    Glyph(String label, double[][] segments, double radius, boolean filled) {
        this.label = label;
        this.segments = segments;
        this.radius = radius;
        this.filled = filled;
    }

    /** The class name shown in reports. */
    public String label() {
        return label;
    }

    /** Segments {@code {x0, y0, x1, y1}} in the unit box (do not modify). */
    double[][] segments() {
        return segments;
    }

    /** Radius of the circle (outline or disc) centred in the box, or 0 when there is none. */
    double radius() {
        return radius;
    }

    /** Whether the circle is filled. */
    boolean filled() {
        return filled;
    }
}
