package org.convlab.algebra;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolution's output size explained for a person: the formula per axis with the numbers
 * filled in, the padding that {@code same} or {@code full} implies, and the inputs no window
 * ever reads (1-based, as the worksheet counts).
 */
public final class ShapeExplanation {
    private ShapeExplanation() {
    }

    /** Names of the spatial axes: {@code n} for 1-D, {@code H, W} for 2-D, {@code D1..Dk} beyond. */
    public static String axisName(int axis, int spatialDims) {
        if (spatialDims == 1) {
            return "n";
        }
        if (spatialDims == 2) {
            return axis == 0 ? "H" : "W";
        }
        if (spatialDims == 3) {
            return new String[] {"D", "H", "W"}[axis];
        }
        return "D" + (axis + 1);
    }

    /** What one position of an axis is called: an input in 1-D, a row or column in 2-D. */
    private static String position(int axis, int spatialDims) {
        if (spatialDims == 1) {
            return "input";
        }
        if (axis == spatialDims - 1) {
            return "column";
        }
        return axis == spatialDims - 2 ? "row" : "plane";
    }

    /** One line per axis: {@code H: floor((...)) + 1 = 126}. */
    public static List<String> formulas(ConvGeometry g) {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < g.spatialDims(); a++) {
            lines.add(axisName(a, g.spatialDims()) + ": " + g.axis(a).formula());
        }
        return lines;
    }

    /** The padding per side that the spec resolved to, e.g. {@code H: 1 before, 2 after}. */
    public static List<String> resolvedPadding(ConvGeometry g) {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < g.spatialDims(); a++) {
            Axis axis = g.axis(a);
            lines.add(axisName(a, g.spatialDims()) + ": " + axis.padBefore() + " before, " + axis.padAfter()
                    + " after");
        }
        return lines;
    }

    /**
     * Notes on inputs that no output reads, e.g.
     * {@code W: input columns 256 are never read (the last window ends 1 before the padded edge)};
     * empty when every input is read.
     */
    public static List<String> unreadNotes(ConvGeometry g) {
        List<String> notes = new ArrayList<>();
        for (int a = 0; a < g.spatialDims(); a++) {
            Axis axis = g.axis(a);
            List<int[]> ranges = axis.unreadRanges();
            if (ranges.isEmpty()) {
                continue;
            }
            StringBuilder list = new StringBuilder();
            int count = 0;
            for (int i = 0; i < ranges.size(); i++) {
                int[] r = ranges.get(i);
                count += r[1] - r[0] + 1;
                if (i < 8) {
                    list.append(i > 0 ? ", " : "").append(r[0] + 1);
                    if (r[1] > r[0]) {
                        list.append("..").append(r[1] + 1);
                    }
                } else if (i == 8) {
                    list.append(", ...");
                }
            }
            String name = position(a, g.spatialDims());
            StringBuilder s = new StringBuilder();
            s.append(axisName(a, g.spatialDims())).append(": ").append(name).append(count > 1 ? "s " : " ")
                    .append(list).append(" of ").append(axis.size()).append(count > 1 ? " are" : " is")
                    .append(" never read (1-based)");
            long tail = axis.droppedTail();
            if (tail > 0) {
                s.append("; the stride leaves ").append(tail).append(" padded position").append(tail > 1 ? "s" : "")
                        .append(" after the last window");
            }
            if (axis.dilation() > 1 || axis.stride() > axis.span()) {
                s.append("; stride ").append(axis.stride()).append(" and dilation ").append(axis.dilation())
                        .append(" skip positions between taps");
            }
            notes.add(s.toString());
        }
        return notes;
    }
}
