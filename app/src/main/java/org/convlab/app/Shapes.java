package org.convlab.app;

import org.convlab.algebra.ConvGeometry;

/** Shapes written the way the commands print them: {@code 3 x 256 x 256}. */
final class Shapes {
    private Shapes() {
    }

    /** {@code 3 x 256 x 256}. */
    static String text(int[] d) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            s.append(i > 0 ? " x " : "").append(d[i]);
        }
        return s.toString();
    }

    /** The input shape, with the channels first when they are shown. */
    static int[] input(ConvGeometry g, boolean channels) {
        return channels ? prepend(g.inChannels(), g.inputSpatial()) : g.inputSpatial();
    }

    /** {@code first} followed by {@code rest}. */
    static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
