package org.convlab.app.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convlab.algebra.Axis;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.ConvTaps;
import org.convlab.algebra.Dims;
import org.convlab.algebra.NumberText;
import org.convlab.algebra.Padding;
import org.convlab.algebra.PaddingMode;
import org.convlab.algebra.SameMode;
import org.convlab.algebra.ShapeExplanation;
import org.convlab.algebra.cost.ConvCost;
import org.convlab.algebra.cost.WeightWords;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Entry;
import org.convlab.algebra.matrix.MatrixWriter;
import org.convlab.algebra.symbolic.Elements;
import org.convlab.algebra.symbolic.OutputElement;
import org.convlab.core.BadParameterException;

/**
 * {@code GET /api/conv}: everything the convolution explorer shows for one convolution, with
 * input channels, filters and groups, computed by the algebra module (nothing here recomputes a size).
 *
 * <p>Parameters (all optional; the default is the worksheet's 9-input, 3-tap convolution):
 * {@code input} ({@code 9} or {@code 5x5}), {@code kernel}, {@code stride}, {@code dilation}
 * (one value or one per axis, {@code 3x2}), {@code padding} ({@code valid}, {@code same},
 * {@code full}, {@code P}, {@code L,R}, {@code PH,PW} or {@code T,B,L,R}), {@code mode}
 * (zeros, reflect, replicate, circular), {@code same} (torch or tf) and {@code weights}
 * (shared or unshared), {@code channels}, {@code filters} and {@code groups} (1 to
 * {@link Limits#CHANNELS}). Each is bounded by {@link Limits}; K is at most
 * {@link Limits#MATRIX_ENTRIES} entries.
 *
 * <p>The answer: shapes and resolved padding per axis, the formula per axis with the numbers
 * filled in, notes on inputs never read, K as sparse rows of named cells with row and column
 * labels and its block sizes ({@code block_rows} outputs of one filter by {@code block_cols}
 * inputs of one channel), every output element (name, filter, expression, the padded-input
 * positions of its taps with the input channel of each, and the input column each tap reads, -1
 * for a padded zero), for every padded position of each
 * axis the input position it copies ({@code pad_sources}, -1 for a zero), and the counts of the shared,
 * unshared and dense layers with the same sizes.
 */
public final class ConvolutionView {
    /** The parameters {@code /api/conv} takes. */
    public static final Set<String> PARAMETERS =
            Set.of("input", "kernel", "stride", "dilation", "padding", "mode", "same", "weights", "channels",
                    "filters", "groups");

    private ConvolutionView() {
    }

    /** The geometry the parameters describe, every value checked against {@link Limits}. */
    public static ConvGeometry geometry(QueryParams q) {
        Dims dims = Dims.parse("input", q.text("input", "9"));
        if (dims.channelsWritten()) {
            throw new BadParameterException("input", "N or HxW (give the input channels as channels=C)",
                    q.text("input", ""));
        }
        int channels = count(q, "channels");
        int filters = count(q, "filters");
        int groups = count(q, "groups");
        int[] size = dims.spatial();
        int axes = size.length;
        int maxSize = axes == 1 ? Limits.INPUT_1D : Limits.INPUT_2D;
        for (int s : size) {
            if (s > maxSize) {
                throw new BadParameterException("input", axes == 1 ? "a length from 1 to " + maxSize
                        : "sides from 1 to " + maxSize + " (e.g. 5x5)", q.text("input", ""));
            }
        }
        int[] kernel = perAxis(q, "kernel", "3", axes, Limits.KERNEL);
        int[] stride = perAxis(q, "stride", "1", axes, Limits.STRIDE);
        int[] dilation = perAxis(q, "dilation", "1", axes, Limits.DILATION);
        Padding padding = Padding.parse(q.text("padding", "valid"), axes);
        if (padding instanceof Padding.Explicit e) {
            for (int a = 0; a < axes; a++) {
                if (e.before()[a] > Limits.PADDING || e.after()[a] > Limits.PADDING) {
                    throw new BadParameterException("padding", "amounts from 0 to " + Limits.PADDING,
                            q.text("padding", ""));
                }
            }
        }
        PaddingMode mode = PaddingMode.parse(q.choice("mode", "zeros",
                List.of("zeros", "reflect", "replicate", "circular")));
        SameMode same = SameMode.parse(q.choice("same", "torch", List.of("torch", "tf")));
        ConvGeometry g;
        try {
            g = ConvGeometry.builder()
                    .inChannels(channels).outChannels(filters).groups(groups)
                    .size(size).kernel(kernel).stride(stride).dilation(dilation)
                    .padding(padding).paddingMode(mode).sameMode(same)
                    .build();
        } catch (BadParameterException e) {
            // the algebra words its advice in Java's terms; say it in the page's terms
            if (!e.mentions().contains("sameMode")) {
                throw e;
            }
            throw new BadParameterException(e.parameter(), e.problem()
                    .replace("sameMode tf", "TensorFlow's meaning of 'same' (same=tf)"));
        }
        BigInteger entries = BigInteger.valueOf(g.outputElements()).multiply(BigInteger.valueOf(g.inputElements()));
        if (entries.compareTo(BigInteger.valueOf(Limits.MATRIX_ENTRIES)) > 0) {
            throw new BadParameterException("input", "a matrix K of at most " + NumberText.grouped(Limits.MATRIX_ENTRIES)
                    + " entries to draw (a smaller input, kernel or padding)", g.outputElements() + " x "
                    + g.inputElements() + " = " + NumberText.grouped(entries) + " entries");
        }
        return g;
    }

    /** A channel, filter or group count: 1 to {@link Limits#CHANNELS}, default 1. */
    private static int count(QueryParams q, String name) {
        String text = q.text(name, "1");
        String expected = "a whole number from 1 to " + Limits.CHANNELS;
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 1 || v > Limits.CHANNELS) {
                throw new BadParameterException(name, expected, text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, expected, text);
        }
    }

    private static int[] perAxis(QueryParams q, String name, String fallback, int axes, int max) {
        String text = q.text(name, fallback);
        int[] v = Dims.parsePerAxis(name, text, axes);
        for (int x : v) {
            if (x > max) {
                throw new BadParameterException(name, "values from 1 to " + max, text);
            }
        }
        return v;
    }

    /** The JSON object of {@code /api/conv}. */
    public static Map<String, Object> describe(QueryParams q) {
        ConvGeometry g = geometry(q);
        boolean unshared = "unshared".equals(q.choice("weights", "shared", List.of("shared", "unshared")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dims", g.spatialDims());
        m.put("channels", g.inChannels());
        m.put("filters", g.outChannels());
        m.put("groups", g.groups());
        m.put("channels_per_group", g.inChannelsPerGroup());
        m.put("weight_shape", g.weightShape());
        m.put("input", g.inputSpatial());
        m.put("output", g.outputSpatial());
        m.put("kernel", g.kernel());
        m.put("stride", g.axes().stream().mapToInt(Axis::stride).toArray());
        m.put("dilation", g.axes().stream().mapToInt(Axis::dilation).toArray());
        m.put("pad_before", g.axes().stream().mapToInt(Axis::padBefore).toArray());
        m.put("pad_after", g.axes().stream().mapToInt(Axis::padAfter).toArray());
        m.put("padding", g.padding().toString());
        m.put("padding_mode", g.paddingMode().torchName());
        m.put("same_mode", g.sameMode().name().toLowerCase(java.util.Locale.ROOT));
        m.put("unshared", unshared);
        m.put("formulas", ShapeExplanation.formulas(g));
        boolean resolved = g.padding() instanceof Padding.Same || g.padding() instanceof Padding.Full;
        m.put("resolved_padding", resolved ? ShapeExplanation.resolvedPadding(g) : List.of());
        m.put("unread", ShapeExplanation.unreadNotes(g));
        List<List<int[]>> unreadCells = new ArrayList<>();
        for (Axis a : g.axes()) {
            unreadCells.add(a.unreadRanges());
        }
        m.put("unread_ranges", unreadCells);
        List<int[]> sources = new ArrayList<>();
        for (Axis a : g.axes()) {
            int[] src = new int[a.padBefore() + a.size() + a.padAfter()];
            for (int i = 0; i < src.length; i++) {
                src[i] = g.paddingMode().sourceIndex(i - a.padBefore(), a.size());
            }
            sources.add(src);
        }
        m.put("pad_sources", sources);
        matrix(g, unshared, m);
        m.put("cost", cost(g));
        return m;
    }

    private static void matrix(ConvGeometry g, boolean unshared, Map<String, Object> m) {
        ConvMatrix k = ConvMatrix.of(g, unshared);
        MatrixWriter writer = new MatrixWriter(k, null, false);
        Elements elements = new Elements(g, unshared);
        ConvTaps taps = k.taps();
        m.put("names", k.naming().legend(unshared));
        m.put("rows", k.rows());
        m.put("cols", k.cols());
        m.put("weight_count", k.weightCount());
        List<String> colLabels = new ArrayList<>();
        for (long c = 0; c < k.cols(); c++) {
            colLabels.add(k.naming().input(c).text());
        }
        m.put("col_labels", colLabels);
        // K's blocks: block (o, c) holds filter o's weights on input channel c; a grouped layer's
        // blocks outside the diagonal groups are zero
        m.put("block_rows", g.outputElements() / g.outChannels());
        m.put("block_cols", g.inputElements() / g.inChannels());
        List<List<Object[]>> rows = new ArrayList<>();
        List<Map<String, Object>> list = new ArrayList<>();
        long[] weight = new long[taps.taps()];
        long[] input = new long[taps.taps()];
        for (long r = 0; r < k.rows(); r++) {
            List<Object[]> cells = new ArrayList<>();
            for (Entry e : k.row(r)) {
                cells.add(new Object[] {e.col(), writer.cell(e)});
            }
            rows.add(cells);
            OutputElement y = elements.at(r);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", y.name().text());
            int[] index = taps.outputIndex(r);
            e.put("filter", index[0]);
            e.put("position", Arrays.copyOfRange(index, 1, index.length));
            e.put("expression", y.text());
            e.put("combined", y.hasRepeatedInputs() ? y.combinedText() : null);
            taps.row(r, weight, input);
            List<int[]> positions = tapPositions(g, index);
            int perChannel = positions.size();
            int firstChannel = index[0] / (g.outChannels() / g.groups()) * g.inChannelsPerGroup();
            List<int[]> all = new ArrayList<>();
            int[] channelOf = new int[perChannel * g.inChannelsPerGroup()];
            for (int c = 0; c < g.inChannelsPerGroup(); c++) {
                for (int t = 0; t < perChannel; t++) {
                    all.add(positions.get(t));
                    channelOf[c * perChannel + t] = firstChannel + c;
                }
            }
            e.put("taps", all);
            e.put("tap_channels", channelOf);
            e.put("reads", input.clone());
            list.add(e);
        }
        m.put("matrix", rows);
        m.put("elements", list);
    }

    /** The padded-input position (0-based per axis, negative or past the end in the padding) of every tap. */
    private static List<int[]> tapPositions(ConvGeometry g, int[] outputIndex) {
        int dims = g.spatialDims();
        int[] kernel = g.kernel();
        List<int[]> positions = new ArrayList<>();
        int[] t = new int[dims];
        int total = 1;
        for (int k : kernel) {
            total *= k;
        }
        for (int n = 0; n < total; n++) {
            int[] p = new int[dims];
            for (int a = 0; a < dims; a++) {
                p[a] = g.axis(a).inputIndex(outputIndex[a + 1], t[a]);
            }
            positions.add(p);
            for (int a = dims - 1; a >= 0; a--) {
                if (++t[a] < kernel[a]) {
                    break;
                }
                t[a] = 0;
            }
        }
        return positions;
    }

    private static Map<String, Object> cost(ConvGeometry g) {
        ConvCost c = ConvCost.of(g, true);
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("weights", n(c.weights()));
        shared.put("biases", n(c.biases()));
        shared.put("parameters", n(c.parameters()));
        shared.put("macs", n(c.macs()));
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("weights", n(c.localWeights()));
        local.put(WeightWords.ALL_KEY, n(c.localWeights()));
        local.put(WeightWords.REAL_KEY, n(c.localWeightsOnInput()));
        local.put("weight_shape", WeightWords.unsharedWeightShape(g));
        local.put("biases", n(c.localBiases()));
        local.put("parameters", n(c.localParameters()));
        local.put("macs", n(c.macs()));
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("weights", n(c.denseWeights()));
        dense.put("biases", n(c.denseBiases()));
        dense.put("parameters", n(c.denseParameters()));
        dense.put("macs", n(c.denseMacs()));
        dense.put(WeightWords.WEIGHT_RATIO_KEY, NumberText.ratio(c.denseWeights(), c.weights()));
        dense.put(WeightWords.PARAMETER_RATIO_KEY, NumberText.ratio(c.denseParameters(), c.parameters()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shared", shared);
        m.put("unshared", local);
        m.put("dense", dense);
        m.put("taps_per_output", n(c.tapsPerOutput()));
        m.put("outputs", n(c.outputElements()));
        m.put("inputs", n(c.inputElements()));
        return m;
    }

    private static String n(BigInteger v) {
        return NumberText.grouped(v);
    }
}
