package org.convlab.bench.peers;

import org.convlab.algebra.ConvGeometry;

/**
 * One weighted layer of a benchmark model, in PyTorch's parameter layout.
 *
 * <p>A convolution has weight {@code (out, in, k, k)} and bias {@code (out)}, maps
 * {@code (N, in, H, W)} to {@code (N, out, H', W')} with the output size from
 * {@link ConvGeometry}; a linear layer has weight {@code (out, in)} (PyTorch's order) and
 * bias {@code (out)}, and maps {@code (N, in)} to {@code (N, out)}.
 *
 * @param name      the parameter prefix, e.g. {@code "conv1"} (weights are {@code conv1.weight})
 * @param conv      the geometry for a convolution, {@code null} for a linear layer
 * @param in        input features (linear) or channels (convolution)
 * @param out       output features or channels
 */
public record Layer(String name, ConvGeometry conv, int in, int out) {

    /** A linear layer {@code in -> out}. */
    public static Layer linear(String name, int in, int out) {
        return new Layer(name, null, in, out);
    }

    /** A square 2-D convolution with stride 1 and the given zero padding on every side. */
    public static Layer conv(String name, int in, int out, int kernel, int padding, int height, int width) {
        ConvGeometry g = ConvGeometry.builder().inChannels(in).outChannels(out)
                .size(height, width).kernel(kernel, kernel).padding(padding).build();
        return new Layer(name, g, in, out);
    }

    public boolean isConv() {
        return conv != null;
    }

    /** The weight shape: {@code (out, in, k, k)} or {@code (out, in)}. */
    public int[] weightShape() {
        return isConv() ? conv.weightShape() : new int[] {out, in};
    }

    /** Fan-in of one output: {@code in * k * k} or {@code in}; PyTorch's default init bound is 1/sqrt(fanIn). */
    public int fanIn() {
        return isConv() ? (int) conv.tapsPerOutput() : in;
    }

    /** Output elements per image: {@code out * H' * W'} or {@code out}. */
    public long outputElements() {
        return isConv() ? conv.outputElements() : out;
    }

    /** Multiply-accumulates of the forward pass per image: output elements times fan-in. */
    public long macs() {
        return Math.multiplyExact(outputElements(), (long) fanIn());
    }
}
