package org.convlab.algebra.cost;

import java.math.BigInteger;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.PaddingMode;

/**
 * What one convolution costs, exactly (BigInteger: the dense equivalents pass 2^63 easily), and
 * what the same map would cost as a dense layer or as a locally connected layer.
 *
 * <p>With {@code T = (C_in/groups) * k_1 * ... * k_D} taps per output and
 * {@code Y = C_out * out_1 * ... * out_D} output elements, {@code X} input elements:
 * <ul>
 *   <li>weights {@code C_out * T}; biases {@code C_out} (when the layer has them);</li>
 *   <li>multiply-adds {@code Y * T} without bias; with bias {@code Y * T + Y}, the convention of
 *       torchinfo's "Mult-Adds" (it adds {@code bias.numel() * out_1...out_D}); taps on padded
 *       zeros are counted, as every framework does; {@link #macsOnInput()} leaves them out;</li>
 *   <li>dense (fully connected) layer with the same input and output sizes: {@code X * Y}
 *       weights, {@code Y} biases, {@code X * Y} multiply-adds;</li>
 *   <li>locally connected layer with the same windows (a fresh filter per output element):
 *       {@code Y * T} weights and {@code Y} biases (one per output element, as Keras'
 *       LocallyConnected2D); of those weights, {@link #localWeightsOnInput()} touch a real input,
 *       the rest only ever multiply padded zeros.</li>
 * </ul>
 */
public final class ConvCost {
    private final ConvGeometry g;
    private final boolean bias;
    private final BigInteger taps;
    private final BigInteger outputs;
    private final BigInteger inputs;
    private final BigInteger onInput;

    private ConvCost(ConvGeometry g, boolean bias) {
        this.g = g;
        this.bias = bias;
        BigInteger t = BigInteger.valueOf(g.inChannelsPerGroup());
        BigInteger y = BigInteger.valueOf(g.outChannels());
        BigInteger x = BigInteger.valueOf(g.inChannels());
        BigInteger inside = BigInteger.valueOf(g.outChannels()).multiply(BigInteger.valueOf(g.inChannelsPerGroup()));
        for (Axis a : g.axes()) {
            t = t.multiply(BigInteger.valueOf(a.kernel()));
            y = y.multiply(BigInteger.valueOf(a.output()));
            x = x.multiply(BigInteger.valueOf(a.size()));
            long perAxis = g.paddingMode() == PaddingMode.ZEROS ? a.tapsInside()
                    : (long) a.output() * a.kernel();
            inside = inside.multiply(BigInteger.valueOf(perAxis));
        }
        this.taps = t;
        this.outputs = y;
        this.inputs = x;
        this.onInput = inside;
    }

    /** The costs of {@code g}; {@code bias} says whether the layer has a bias per filter (PyTorch's default). */
    public static ConvCost of(ConvGeometry g, boolean bias) {
        return new ConvCost(g, bias);
    }

    public ConvGeometry geometry() {
        return g;
    }

    public boolean hasBias() {
        return bias;
    }

    /** Taps per output element {@code T = (C_in/groups) * k_1 * ... * k_D}. */
    public BigInteger tapsPerOutput() {
        return taps;
    }

    /** Weights {@code C_out * T}. */
    public BigInteger weights() {
        return BigInteger.valueOf(g.outChannels()).multiply(taps);
    }

    /** Biases: {@code C_out}, or 0 without bias. */
    public BigInteger biases() {
        return bias ? BigInteger.valueOf(g.outChannels()) : BigInteger.ZERO;
    }

    /** Weights plus biases. */
    public BigInteger parameters() {
        return weights().add(biases());
    }

    /** Output elements {@code Y}. */
    public BigInteger outputElements() {
        return outputs;
    }

    /** Input elements {@code X}. */
    public BigInteger inputElements() {
        return inputs;
    }

    /** Multiply-adds without the bias: {@code Y * T}. */
    public BigInteger macs() {
        return outputs.multiply(taps);
    }

    /** Multiply-adds with the bias add, torchinfo's convention: {@code Y * T + Y} (just {@code Y * T} without bias). */
    public BigInteger macsWithBias() {
        return bias ? macs().add(outputs) : macs();
    }

    /** Multiply-adds whose input is a real input, not a padded zero (every tap counts for non-zero padding modes). */
    public BigInteger macsOnInput() {
        return onInput;
    }

    /** Weights of the dense layer with the same input and output sizes: {@code X * Y}. */
    public BigInteger denseWeights() {
        return inputs.multiply(outputs);
    }

    /** Biases of that dense layer: {@code Y} (0 without bias). */
    public BigInteger denseBiases() {
        return bias ? outputs : BigInteger.ZERO;
    }

    public BigInteger denseParameters() {
        return denseWeights().add(denseBiases());
    }

    /** Multiply-adds of the dense layer without bias: {@code X * Y}. */
    public BigInteger denseMacs() {
        return denseWeights();
    }

    /** Weights of the locally connected layer with the same windows: {@code Y * T}. */
    public BigInteger localWeights() {
        return macs();
    }

    /** Of {@link #localWeights()}, those whose tap reads a real input (the rest only see padded zeros). */
    public BigInteger localWeightsOnInput() {
        return onInput;
    }

    /** Biases of the locally connected layer: one per output element, {@code Y} (0 without bias). */
    public BigInteger localBiases() {
        return bias ? outputs : BigInteger.ZERO;
    }

    public BigInteger localParameters() {
        return localWeights().add(localBiases());
    }
}
