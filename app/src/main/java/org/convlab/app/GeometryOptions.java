package org.convlab.app;

import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.Dims;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.algebra.SameMode;
import org.convlab.core.BadParameterException;
import picocli.CommandLine.Option;

/** The options that describe one convolution, shared by shape, elements, matrix and cost. */
final class GeometryOptions {
    @Option(names = "--input", paramLabel = "DIMS",
            description = "Input size: 9 (1-D length), 28x28 (H x W) or 3x256x256 (C x H x W). Required.")
    String input;

    @Option(names = "--kernel", paramLabel = "K",
            description = "Kernel size: 3, or one per axis like 3x5. Required.")
    String kernel;

    @Option(names = "--filters", paramLabel = "F", description = "Output channels (filters); default 1.")
    Integer filters;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "1",
            description = "Stride, one for all axes or one per axis; default ${DEFAULT-VALUE}.")
    String stride;

    @Option(names = "--padding", paramLabel = "P", defaultValue = "valid",
            description = "valid, same, full, P, L,R (1-D), PH,PW or T,B,L,R (2-D); default ${DEFAULT-VALUE}.")
    String padding;

    @Option(names = "--dilation", paramLabel = "D", defaultValue = "1",
            description = "Dilation, one for all axes or one per axis; default ${DEFAULT-VALUE}.")
    String dilation;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "1",
            description = "Groups; input channels and filters must be divisible by it. Default ${DEFAULT-VALUE}.")
    int groups;

    @Option(names = "--padding-mode", paramLabel = "MODE", defaultValue = "zeros",
            description = "zeros, reflect, replicate or circular; default ${DEFAULT-VALUE}.")
    String paddingMode;

    @Option(names = "--same-mode", paramLabel = "torch|tf", defaultValue = "torch",
            description = "Meaning of 'same': PyTorch's (stride 1 only) or TensorFlow's ceil(n/s); default ${DEFAULT-VALUE}.")
    String sameMode;

    /** The parsed input dimensions. */
    Dims dims() {
        if (input == null) {
            throw new BadParameterException("--input",
                    "expected an input size like 9, 28x28 or 3x256x256, got none (the option is required)");
        }
        return Dims.parse("--input", input);
    }

    /** Whether the options describe a layer (a kernel was given). */
    boolean hasKernel() {
        return kernel != null;
    }

    /** Whether an input size was given. */
    boolean hasInput() {
        return input != null;
    }

    /** Whether the output shape is written with its channels first. */
    boolean showsChannels() {
        return dims().channelsWritten() || filters != null;
    }

    /** The geometry these options describe, every value checked. */
    ConvGeometry geometry() {
        Dims d = dims();
        if (kernel == null) {
            throw new BadParameterException("--kernel",
                    "expected a kernel size like 3 or 3x5, got none (the option is required)");
        }
        int axes = d.spatial().length;
        return ConvGeometry.builder()
                .inChannels(d.channels())
                .outChannels(filters == null ? 1 : filters)
                .groups(groups)
                .size(d.spatial())
                .kernel(Dims.parsePerAxis("--kernel", kernel, axes))
                .stride(Dims.parsePerAxis("--stride", stride, axes))
                .dilation(Dims.parsePerAxis("--dilation", dilation, axes))
                .padding(Padding.parse(padding, axes))
                .paddingMode(PaddingMode.parse(paddingMode))
                .sameMode(SameMode.parse(sameMode))
                .build();
    }
}
