package org.convlab.algebra.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.core.BadParameterException;

/**
 * How the weights, inputs and outputs of one convolution are named, 1-based as the worksheet
 * counts.
 *
 * <p>A 1-D convolution with one input and one output channel keeps the worksheet's plain names
 * {@code k1..kK}, {@code x1..xN}, {@code y1..yM}. Anything else uses indexed names that carry
 * only the indices that vary:
 * <ul>
 *   <li>weights {@code k[o,c,i,j]}: PyTorch's weight index (filter {@code o}, channel
 *       {@code c} within the filter's group, tap {@code i,j}); {@code o} is left out when there
 *       is one filter, {@code c} when each filter sees one channel;</li>
 *   <li>inputs {@code x[c,h,w]}: {@code c} is the input channel (left out for one channel);</li>
 *   <li>outputs {@code y[o,i,j]}: {@code o} is the filter (left out for one filter).</li>
 * </ul>
 * Unshared (locally connected) weights are numbered {@code k1, k2, ...} in row and tap order,
 * as the worksheet numbers them.
 */
public final class Naming {
    private final ConvTaps taps;
    private final boolean plain;
    private final boolean filterIndex;
    private final boolean kernelChannelIndex;
    private final boolean inputChannelIndex;

    public Naming(ConvTaps taps) {
        ConvGeometry g = taps.geometry();
        this.taps = taps;
        this.plain = g.spatialDims() == 1 && g.inChannels() == 1 && g.outChannels() == 1;
        this.filterIndex = g.outChannels() > 1;
        this.kernelChannelIndex = g.inChannelsPerGroup() > 1;
        this.inputChannelIndex = g.inChannels() > 1;
    }

    /** Whether these are the worksheet's plain 1-D names ({@code k1}, {@code x1}). */
    public boolean plain() {
        return plain;
    }

    /** The name of shared weight {@code w} (flat index into {@code (C_out, C_in/groups, k...)}). */
    public Name weight(long w) {
        int[] idx = taps.weightIndex(w);
        List<Integer> shown = new ArrayList<>();
        if (filterIndex) {
            shown.add(idx[0] + 1);
        }
        if (kernelChannelIndex) {
            shown.add(idx[1] + 1);
        }
        for (int a = 2; a < idx.length; a++) {
            shown.add(idx[a] + 1);
        }
        return new Name("k", toArray(shown), plain);
    }

    /** The name of unshared weight {@code id} (0-based): {@code k(id+1)}. */
    public Name unsharedWeight(long id) {
        if (id + 1 > Integer.MAX_VALUE) {
            throw new BadParameterException("id", "at most 2^31 - 1 unshared weights to name", id + 1);
        }
        return new Name("k", new int[] {(int) (id + 1)}, true);
    }

    /** The name of input column {@code col}. */
    public Name input(long col) {
        return new Name("x", drop(taps.inputIndex(col), !inputChannelIndex), plain);
    }

    /** The name of output row {@code r}. */
    public Name output(long r) {
        return new Name("y", drop(taps.outputIndex(r), !filterIndex), plain);
    }

    /** One line saying what the indices of each name mean. */
    public String legend(boolean unshared) {
        if (plain && !unshared) {
            return "names: k1..k" + taps.taps() + " weights, x1..x" + taps.cols() + " inputs, y1..y" + taps.rows()
                    + " outputs (1-based)";
        }
        int d = taps.geometry().spatialDims();
        String spatialK = d == 1 ? "t" : d == 2 ? "i,j" : "t1..t" + d;
        String spatialX = d == 1 ? "n" : d == 2 ? "h,w" : "n1..n" + d;
        String spatialY = d == 1 ? "n" : d == 2 ? "i,j" : "n1..n" + d;
        String k = unshared ? "k1, k2, ... a fresh weight per (output, tap), numbered row by row, tap by tap"
                : "k[" + (filterIndex ? "o," : "") + (kernelChannelIndex ? "c," : "") + spatialK + "] weight"
                        + (filterIndex ? " of filter o" : "") + (kernelChannelIndex ? ", channel c of its group" : "");
        String x = plain ? "x1..x" + taps.cols() : "x[" + (inputChannelIndex ? "c," : "") + spatialX + "]";
        String y = plain ? "y1..y" + taps.rows() : "y[" + (filterIndex ? "o," : "") + spatialY + "]";
        return "names: " + k + "; inputs " + x + "; outputs " + y + " (all 1-based)";
    }

    private static int[] drop(int[] index0, boolean dropFirst) {
        int from = dropFirst ? 1 : 0;
        int[] out = new int[index0.length - from];
        for (int i = from; i < index0.length; i++) {
            out[i - from] = index0[i] + 1;
        }
        return out;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
