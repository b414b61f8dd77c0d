package org.convlab.algebra.cost;

import java.math.BigInteger;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.NumberText;

/**
 * One vocabulary for the weights of a layer without sharing, used by every command, the
 * worksheet, the explorer and their JSON, so that the same layer gets the same two numbers
 * under the same words.
 *
 * <p>A locally connected layer with the windows of a convolution has one weight per window and
 * tap: {@code Y * T} ({@link ConvCost#localWeights()}, "all windows x taps"). Of those, the ones
 * whose tap reads a real input ({@link ConvCost#localWeightsOnInput()}, "touching real inputs")
 * are the parameters of the linear map: a tap on a padded zero multiplies a constant 0, so the
 * unshared K names only these. Ratios are named for what they divide: weights by weights, or
 * parameters (weights and biases) by parameters.
 */
public final class WeightWords {
    /** Label of {@code Y * T}, every window times every tap. */
    public static final String ALL = "weights, all windows x taps";
    /** Label of the weights whose tap reads a real input. */
    public static final String REAL = "weights touching real inputs";
    /** JSON key of {@link #ALL}. */
    public static final String ALL_KEY = "weights_all_windows_x_taps";
    /** JSON key of {@link #REAL}. */
    public static final String REAL_KEY = "weights_touching_real_inputs";
    /** Label of the dense layer's weights divided by the convolution's weights. */
    public static final String WEIGHT_RATIO = "weight ratio, dense / conv";
    /** Label of the dense layer's parameters divided by the convolution's parameters. */
    public static final String PARAMETER_RATIO = "parameter ratio, dense / conv";
    /** JSON key of {@link #WEIGHT_RATIO}. */
    public static final String WEIGHT_RATIO_KEY = "weight_ratio_dense_to_conv";
    /** JSON key of {@link #PARAMETER_RATIO}. */
    public static final String PARAMETER_RATIO_KEY = "parameter_ratio_dense_to_conv";

    private WeightWords() {
    }

    /** What the weights that do not touch a real input do: "the other 2 only see padded zeros". */
    public static String rest(ConvCost c) {
        BigInteger rest = c.localWeights().subtract(c.localWeightsOnInput());
        if (rest.signum() == 0) {
            return "every weight touches a real input";
        }
        return "the other " + NumberText.grouped(rest) + (rest.equals(BigInteger.ONE) ? " only sees" : " only see")
                + " padded zeros";
    }

    /**
     * The weight tensor of the locally connected layer with the windows of {@code g}:
     * {@code (out_1, ..., out_D, C_out, C_in/groups, k_1, ..., k_D)}, the order of convlab's
     * LocallyConnected1d/2d weight; its element count is {@link #ALL}.
     */
    public static int[] unsharedWeightShape(ConvGeometry g) {
        int d = g.spatialDims();
        int[] shape = new int[2 * d + 2];
        int[] out = g.outputSpatial();
        System.arraycopy(out, 0, shape, 0, d);
        shape[d] = g.outChannels();
        shape[d + 1] = g.inChannelsPerGroup();
        System.arraycopy(g.kernel(), 0, shape, d + 2, d);
        return shape;
    }
}
