package org.convlab.algebra;

import java.util.Arrays;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * An input's dimensions as the command line writes them: {@code 9} (a 1-D length),
 * {@code 28x28} (H x W) or {@code 3x256x256} (C x H x W).
 *
 * @param channels input channels; 1 when not written
 * @param spatial  the spatial sizes (length 1 for 1-D, 2 for 2-D)
 * @param channelsWritten whether the text gave the channels explicitly
 */
public record Dims(int channels, int[] spatial, boolean channelsWritten) {

    public Dims {
        spatial = spatial.clone();
    }

    @Override
    public int[] spatial() {
        return spatial.clone();
    }

    /** Parses {@code N}, {@code HxW} or {@code CxHxW}; every number a positive integer. */
    public static Dims parse(String parameter, String text) {
        String expected = "N, HxW or CxHxW with positive integers (e.g. 9, 28x28, 3x256x256)";
        if (text == null || text.isBlank()) {
            throw new BadParameterException(parameter, expected, text == null ? "nothing" : text);
        }
        String[] parts = text.trim().toLowerCase().split("[x×*]", -1);
        if (parts.length > 3) {
            throw new BadParameterException(parameter, expected, text);
        }
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = StrictNumbers.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadParameterException(parameter, expected, text);
            }
            if (v[i] < 1) {
                throw new BadParameterException(parameter, expected, text);
            }
        }
        if (v.length == 3) {
            return new Dims(v[0], new int[] {v[1], v[2]}, true);
        }
        return new Dims(1, v, false);
    }

    /**
     * These dimensions with {@code inChannels} input channels in front: a 1-D length {@code L}
     * becomes PyTorch's Conv1d input {@code (inChannels, L)}, an {@code H x W} image becomes
     * {@code (inChannels, H, W)}. Dimensions that already carry their channels keep them when
     * they agree; a disagreement names {@code inChannels}.
     */
    public Dims withInChannels(int inChannels) {
        if (inChannels < 1) {
            throw new BadParameterException("inChannels", "a positive integer", inChannels);
        }
        if (channelsWritten && channels != inChannels) {
            throw new BadParameterException("inChannels", "the channels the input " + this + " already gives ("
                    + channels + "), or an input without channels (L or HxW)", inChannels);
        }
        return new Dims(inChannels, spatial, true);
    }

    /**
     * Whether these dimensions are two numbers without channels ({@code 3x21}): read as an
     * {@code H x W} image, though they could be meant as channels and a 1-D length.
     */
    public boolean readAsImage() {
        return !channelsWritten && spatial.length == 2;
    }

    /**
     * Parses a per-axis value such as a kernel size, stride or dilation for {@code spatialDims}
     * axes: one positive integer for every axis ({@code 3}) or one per axis ({@code 3x5} or {@code 3,5}).
     */
    public static int[] parsePerAxis(String parameter, String text, int spatialDims) {
        String expected = spatialDims == 1 ? "a positive integer"
                : "a positive integer or " + spatialDims + " of them like 3x5";
        if (text == null || text.isBlank()) {
            throw new BadParameterException(parameter, expected, text == null ? "nothing" : text);
        }
        String[] parts = text.trim().toLowerCase().split("[x×*,]", -1);
        if (parts.length != 1 && parts.length != spatialDims) {
            throw new BadParameterException(parameter, expected, text);
        }
        int[] k = new int[spatialDims];
        for (int i = 0; i < parts.length; i++) {
            try {
                k[i] = StrictNumbers.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadParameterException(parameter, expected, text);
            }
            if (k[i] < 1) {
                throw new BadParameterException(parameter, expected, text);
            }
        }
        if (parts.length == 1) {
            Arrays.fill(k, k[0]);
        }
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dims d && d.channels == channels && d.channelsWritten == channelsWritten
                && Arrays.equals(d.spatial, spatial);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * channels + Arrays.hashCode(spatial)) + Boolean.hashCode(channelsWritten);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (channelsWritten) {
            s.append(channels).append('x');
        }
        for (int i = 0; i < spatial.length; i++) {
            s.append(i > 0 ? "x" : "").append(spatial[i]);
        }
        return s.toString();
    }
}
