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

    @Option(names = "--in-channels", paramLabel = "C",
            description = "Input channels (PyTorch's in_channels): --in-channels 3 --input 21 is Conv1d's (3, 21), "
                    + "--in-channels 3 --input 28x28 is (3, 28, 28). Default: 1, or the C of --input CxHxW.")
    Integer inChannels;

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
        Dims d = Dims.parse("--input", input);
        if (inChannels == null) {
            return d;
        }
        if (inChannels < 1) {
            throw new BadParameterException("--in-channels", "a positive integer", inChannels);
        }
        if (d.channelsWritten() && d.channels() != inChannels) {
            throw new BadParameterException("--in-channels", "the channels --input " + input.trim() + " already gives ("
                    + d.channels() + "), or an --input without channels (L or HxW)", inChannels);
        }
        return d.withInChannels(inChannels);
    }

    /**
     * {@link #imageNote()} for the text outputs: only for a non-square {@code HxW}, the shape
     * that is as likely meant as channels and a length ({@code 3x21}); a square image is left alone.
     */
    String printedImageNote() {
        if (fromCheckpoint) {
            return null;
        }
        String note = imageNote();
        if (note == null) {
            return null;
        }
        int[] s = Dims.parse("--input", input).spatial();
        return s[0] == s[1] ? null : note;
    }

    /**
     * The line that says an {@code --input HxW} without {@code --in-channels} was read as a 2-D
     * image, with how to ask for channels and a 1-D length instead; null when there is nothing to say.
     */
    String imageNote() {
        if (input == null || inChannels != null) {
            return null;
        }
        Dims d = Dims.parse("--input", input);
        if (!d.readAsImage()) {
            return null;
        }
        int[] s = d.spatial();
        return "--input " + input.trim() + " was read as a 2-D image of " + s[0] + " x " + s[1] + " (H x W); for "
                + s[0] + " channel" + (s[0] == 1 ? "" : "s") + " of length " + s[1] + " give --in-channels " + s[0]
                + " --input " + s[1];
    }

    /** Whether the options describe a layer (a kernel was given). */
    boolean hasKernel() {
        return kernel != null;
    }

    /** Whether an input size was given. */
    boolean hasInput() {
        return input != null;
    }

    /** Set when a trained layer (--checkpoint) gives the geometry: shapes are then written with channels. */
    boolean fromCheckpoint;

    /** Whether the output shape is written with its channels first. */
    boolean showsChannels() {
        return fromCheckpoint || dims().channelsWritten() || filters != null;
    }

    /** The geometry these options describe, every value checked. */
    ConvGeometry geometry() {
        Dims d = dims();
        if (kernel == null) {
            throw new BadParameterException("--kernel",
                    "expected a kernel size like 3 or 3x5, got none (the option is required)");
        }
        int axes = d.spatial().length;
        try {
            return build(d, axes);
        } catch (BadParameterException e) {
            String note = imageNote();
            if (note == null) {
                throw e;
            }
            String message = e.getMessage().substring(e.parameter().length() + 2);
            throw new BadParameterException(e.parameter(), message + " (" + note + ")");
        }
    }

    private ConvGeometry build(Dims d, int axes) {
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
