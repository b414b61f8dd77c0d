package org.convlab.lab.experiments;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.data.ImageSet;
import org.convlab.data.image.ImageFiles;
import org.convlab.data.transform.Canvas;
import org.convlab.lab.equivariance.EquivarianceError;
import org.convlab.lab.equivariance.ShiftedNets;
import org.convlab.lab.reporting.Charts;
import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Pictures;
import org.convlab.lab.reporting.Pictures.ColorMap;
import org.convlab.lab.reporting.Pictures.Panel;
import org.convlab.lab.reporting.Table;
import org.convlab.nn.Sequential;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.EquivarianceMlp;
import org.convlab.tensor.Tensor;

/**
 * Worksheet 2(b): one image placed at 49 positions of a canvas twice its size (the notebook:
 * a 28x28 image on 56x56 at (top, left) in {0, 4, ..., 24}), passed through the untrained CNN
 * (1 -> 20 -> 40 -> 1, 3x3 same, ReLU) and the untrained MLP (3136 -> 100 -> 100 -> 3136). For
 * every position the {@link EquivarianceError} against the first position, over the whole
 * canvas and over the interior (margin 3: the CNN's receptive-field radius). Then the same
 * digit shifted by 0..8 pixels through a max-pooled and a strided variant of the CNN: exact for
 * even shifts, aliased for odd ones.
 *
 * <p>Pixels are {@code p / 255} without centring, so the canvas's zero fill is the image's
 * black background; colour images are averaged to grey.
 */
public final class Equivariance {
    /** The command name. */
    public static final String NAME = "equivariance";
    /** Largest shift of the aliasing study, in input pixels. */
    public static final int MAX_SHIFT = 8;
    /** Values below this are drawn at it on logarithmic charts. */
    public static final double FLOOR = 1e-9;

    private Equivariance() {
    }

    /**
     * The errors at one position.
     *
     * @param top      the image's top row on the canvas
     * @param left     its left column
     * @param cnnWhole the CNN's error over the whole canvas
     * @param cnnInterior the CNN's error over the interior
     * @param mlpWhole the MLP's error over the whole canvas
     * @param mlpInterior the MLP's error over the interior
     */
    public record Position(int top, int left, double cnnWhole, double cnnInterior, double mlpWhole,
                           double mlpInterior) {
    }

    /**
     * Interior errors of the three CNNs for a shift to the right.
     *
     * @param shift   input pixels
     * @param plain   the stride-1 CNN (output shift = shift)
     * @param pooled  with a 2x2 max-pool (output shift = shift / 2, nearest for odd shifts)
     * @param strided with a stride-2 first convolution
     */
    public record Alias(int shift, double plain, double pooled, double strided) {
    }

    /**
     * The result.
     *
     * @param image       index of the test image used
     * @param label       its class name
     * @param canvas      canvas side {@code [H, W]}
     * @param margin      interior margin (output pixels)
     * @param cnnParams   parameters of the CNN
     * @param mlpParams   parameters of the MLP
     * @param positions   the errors at every position (the first is the reference)
     * @param cnnInteriorMax the CNN's largest interior error
     * @param cnnWholeMax the CNN's largest whole-canvas error
     * @param mlpInteriorMin the MLP's smallest interior error (positions other than the first)
     * @param mlpInteriorMedian the MLP's median interior error
     * @param aliasing    the shift study
     */
    public record Result(int image, String label, int[] canvas, int margin, long cnnParams, long mlpParams,
                         List<Position> positions, double cnnInteriorMax, double cnnWholeMax, double mlpInteriorMin,
                         double mlpInteriorMedian, List<Alias> aliasing, String answer, List<String> findings,
                         List<Figure> figures, List<Table> tables, double seconds) implements ExperimentResult {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String title() {
            return "(b) Translational equivariance";
        }

        @Override
        public String question() {
            return "What do you observe? Why is it different from the case of MLP?";
        }
    }

    /** The image {@code imageIndex} of {@code set} as grey values p / 255: (1, 1, H, W). */
    static Tensor grey(ImageSet set, int imageIndex) {
        if (imageIndex < 0 || imageIndex >= set.size()) {
            throw new BadParameterException("imageIndex", "a test image index in 0.." + (set.size() - 1), imageIndex);
        }
        int c = set.channels();
        int h = set.height();
        int w = set.width();
        Tensor t = Tensor.zeros(1, 1, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    sum += set.pixel(imageIndex, ch, y, x);
                }
                t.data()[y * w + x] = (float) sum / c / 255f;
            }
        }
        return t;
    }

    /** The notebook's positions generalised: 7 x 7 positions {0, s, ..., 6s}, s = max(1, H / 7). */
    static List<Canvas.Position> positions(int h, int w) {
        int sy = Math.max(1, h / 7);
        int sx = Math.max(1, w / 7);
        List<Canvas.Position> p = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                p.add(new Canvas.Position(i * sy, j * sx));
            }
        }
        return p;
    }

    /** Runs the experiment on test image {@code imageIndex}. */
    public static Result run(LabContext ctx, int imageIndex) {
        long start = System.nanoTime();
        long seed = ctx.settings().firstSeed();
        ImageSet test = ctx.data().test();
        Tensor digit = grey(test, imageIndex);
        int h = digit.dim(2);
        int w = digit.dim(3);
        int ch = 2 * h;
        int cw = 2 * w;
        List<Canvas.Position> pos = positions(h, w);
        ctx.say("equivariance: test image %d (%s) at %d positions of a %dx%d canvas, untrained nets, seed %d",
                imageIndex, test.classNames().get(test.label(imageIndex)), pos.size(), ch, cw, seed);
        Tensor canvases = Tensor.zeros(pos.size(), 1, ch, cw);
        int plane = ch * cw;
        for (int k = 0; k < pos.size(); k++) {
            Tensor one = Canvas.place(digit, ch, cw, pos.get(k).top(), pos.get(k).left());
            System.arraycopy(one.data(), 0, canvases.data(), k * plane, plane);
        }
        Sequential cnn = ShiftedNets.plain(seed);
        Sequential mlp = new EquivarianceMlp(ch, cw, 100, new Rng(seed));
        Tensor cnnOut = cnn.forward(canvases).copy();
        Tensor mlpOut = mlp.forward(canvases).copy();
        int margin = ShiftedNets.MARGIN;

        List<Position> rows = new ArrayList<>();
        Canvas.Position p0 = pos.get(0);
        for (int k = 0; k < pos.size(); k++) {
            int dy = pos.get(k).top() - p0.top();
            int dx = pos.get(k).left() - p0.left();
            EquivarianceError.Result c = EquivarianceError.measure(item(cnnOut, 0), item(cnnOut, k), dy, dx, margin);
            EquivarianceError.Result m = EquivarianceError.measure(item(mlpOut, 0), item(mlpOut, k), dy, dx, margin);
            rows.add(new Position(pos.get(k).top(), pos.get(k).left(), c.whole(), c.interior(), m.whole(),
                    m.interior()));
        }
        List<Position> moved = rows.subList(1, rows.size());
        double cnnInteriorMax = moved.stream().mapToDouble(Position::cnnInterior).max().orElse(Double.NaN);
        double cnnWholeMax = moved.stream().mapToDouble(Position::cnnWhole).max().orElse(Double.NaN);
        double mlpMin = moved.stream().mapToDouble(Position::mlpInterior).min().orElse(Double.NaN);
        double mlpMedian = median(moved.stream().map(Position::mlpInterior).toList());

        List<Alias> aliasing = aliasing(digit, ch, cw, pos, seed);

        String label = test.classNames().get(test.label(imageIndex));
        List<Figure> figures = new ArrayList<>();
        figures.addAll(drawGridAndGif(ctx, canvases, cnnOut, mlpOut, pos, rows, label));
        figures.add(drawDifference(ctx, cnnOut, mlpOut, rows, pos.size() - 1, margin));
        figures.add(drawErrorChart(ctx, rows, margin));
        figures.add(drawAliasing(ctx, aliasing));

        List<String> findings = new ArrayList<>();
        findings.add("Over the interior (output pixels at least " + margin + " from the border for both positions),"
                + " the untrained CNN's error ||f(Tx) - T f(x)|| / ||f(Tx)|| is "
                + (cnnInteriorMax == 0 ? "exactly 0 for all " + moved.size() + " shifts: the outputs are"
                        + " bit-identical, moved." : "at most " + Fmt.sci(cnnInteriorMax) + " over " + moved.size()
                        + " shifts, float32 rounding: the CNN is exactly equivariant there."));
        findings.add("The untrained MLP's interior error is "
                + range(mlpMin, moved.stream().mapToDouble(Position::mlpInterior).max().orElse(Double.NaN))
                + " (median " + Fmt.err(mlpMedian) + ")" + (mlpMedian > 0.1 ? ": of order 1, its output does not move"
                + " with the input." : "."));
        findings.add("Over the whole canvas the CNN's error reaches " + Fmt.err(cnnWholeMax)
                + ": near the borders it reads the zero padding and the shift's zero fill is not its output on a"
                + " blank area (biases), so equivariance is exact only in the interior.");
        Alias odd = aliasing.stream().filter(a -> a.shift() % 2 == 1).max(Comparator.comparingDouble(Alias::pooled))
                .orElse(aliasing.get(aliasing.size() - 1));
        double evenPool = aliasing.stream().filter(a -> a.shift() % 2 == 0).mapToDouble(Alias::pooled).max()
                .orElse(Double.NaN);
        double oddPoolMin = aliasing.stream().filter(a -> a.shift() % 2 == 1).mapToDouble(Alias::pooled).min()
                .orElse(Double.NaN);
        double oddStrideMin = aliasing.stream().filter(a -> a.shift() % 2 == 1).mapToDouble(Alias::strided).min()
                .orElse(Double.NaN);
        findings.add("Subsampling breaks it: with a 2x2 max-pool the interior error is " + Fmt.atMost(evenPool)
                + " for even shifts but " + range(oddPoolMin, odd.pooled())
                + " for odd ones (the coarser grid has no half-pixel shift: aliasing); with a stride-2 first"
                + " convolution, odd shifts give at least " + Fmt.err(oddStrideMin) + ".");

        List<List<String>> table = new ArrayList<>();
        for (Alias a : aliasing) {
            table.add(List.of(Integer.toString(a.shift()), Fmt.sci(a.plain()), Fmt.err(a.pooled()),
                    Fmt.err(a.strided())));
        }
        boolean cnnExact = cnnInteriorMax < 1e-5;
        boolean mlpBroken = mlpMedian > 0.1;
        String answer = (cnnExact ? "The CNN's output moves with the image: at each of the " + moved.size()
                + " positions its interior error is " + (cnnInteriorMax == 0 ? "exactly 0 (bit-identical outputs)"
                : "at most " + Fmt.sci(cnnInteriorMax) + ", rounding level")
                : "The CNN's interior error reaches " + Fmt.err(cnnInteriorMax) + ", more than rounding")
                + (mlpBroken ? ", while the MLP's is " + Fmt.err(mlpMedian) + " (median): its output does not follow"
                + " the image. " : ", and the MLP's is " + Fmt.err(mlpMedian) + " (median). ")
                + "A convolution applies the same filter at every position (parameter sharing), so shifting the"
                + " input shifts every feature map, exactly wherever the padding is out of reach; the MLP has a"
                + " separate weight for every input-output pair and nothing ties one position to another.";
        return new Result(imageIndex, label, new int[] {ch, cw}, margin, cnn.parameterCount(), mlp.parameterCount(),
                rows, cnnInteriorMax, cnnWholeMax, mlpMin, mlpMedian, aliasing, answer, findings, figures,
                List.of(new Table("Interior error against the input shift (aliasing)",
                        List.of("shift (px)", "stride-1 CNN", "max-pool 2", "stride-2 conv"), table)),
                (System.nanoTime() - start) / 1e9);
    }

    private static List<Alias> aliasing(Tensor digit, int ch, int cw, List<Canvas.Position> pos, long seed) {
        int base = pos.get(3 * 7 + 3).top(); // the middle position (3s, 3s) of the 7 x 7
        int shifts = Math.min(MAX_SHIFT, cw - digit.dim(3) - base);
        Tensor batch = Tensor.zeros(shifts + 1, 1, ch, cw);
        int plane = ch * cw;
        for (int d = 0; d <= shifts; d++) {
            Tensor one = Canvas.place(digit, ch, cw, base, base + d);
            System.arraycopy(one.data(), 0, batch.data(), d * plane, plane);
        }
        Tensor plain = ShiftedNets.plain(seed).forward(batch).copy();
        Tensor pooled = ShiftedNets.pooled(seed).forward(batch).copy();
        Tensor strided = ShiftedNets.strided(seed).forward(batch).copy();
        List<Alias> out = new ArrayList<>();
        for (int d = 0; d <= shifts; d++) {
            double e = EquivarianceError.measure(item(plain, 0), item(plain, d), 0, d, ShiftedNets.MARGIN).interior();
            out.add(new Alias(d, e, ShiftedNets.subsampledError(item(pooled, 0), item(pooled, d), d, 2),
                    ShiftedNets.subsampledError(item(strided, 0), item(strided, d), d, 2)));
        }
        return out;
    }

    /** Item {@code k} of a batch (N, C, H, W) as a (C, H, W) copy. */
    static Tensor item(Tensor batch, int k) {
        int c = batch.dim(1);
        int h = batch.dim(2);
        int w = batch.dim(3);
        int n = c * h * w;
        float[] d = new float[n];
        System.arraycopy(batch.data(), k * n, d, 0, n);
        return Tensor.wrap(d, c, h, w);
    }

    /** {@code 0.17} or {@code 0.12 to 0.31}. */
    static String range(double lo, double hi) {
        return Fmt.err(lo).equals(Fmt.err(hi)) ? Fmt.err(lo) : Fmt.err(lo) + " to " + Fmt.err(hi);
    }

    static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(Tensor t) {
        double m = 0;
        for (float v : t.data()) {
            m = Math.max(m, v);
        }
        return m > 0 ? m : 1;
    }

    private static List<Figure> drawGridAndGif(LabContext ctx, Tensor canvases, Tensor cnnOut, Tensor mlpOut,
                                               List<Canvas.Position> pos, List<Position> rows, String label) {
        double cnnMax = max(cnnOut);
        double mlpMax = max(mlpOut);
        List<Panel> in = new ArrayList<>();
        List<Panel> cnn = new ArrayList<>();
        List<Panel> mlp = new ArrayList<>();
        for (int k = 0; k < pos.size(); k++) {
            in.add(new Panel(null, Pictures.plane(canvases, k, 0, 1, ColorMap.GREY, 1)));
            cnn.add(new Panel(null, Pictures.plane(cnnOut, k, 0, cnnMax, ColorMap.HEAT, 1)));
            mlp.add(new Panel(null, Pictures.plane(mlpOut, k, 0, mlpMax, ColorMap.HEAT, 1)));
        }
        BufferedImage grid = Pictures.grid(null, List.of(
                new Panel("input: the " + label + " at 49 positions", Pictures.grid(null, in, 7, 2)),
                new Panel("untrained CNN output", Pictures.grid(null, cnn, 7, 2)),
                new Panel("untrained MLP output", Pictures.grid(null, mlp, 7, 2))), 3, 10);
        ImageFiles.png(grid, ctx.out().resolve("equivariance-grid.png"));

        List<BufferedImage> frames = new ArrayList<>();
        for (int k = 0; k < pos.size(); k++) {
            Position r = rows.get(k);
            frames.add(Pictures.grid("position (" + r.top() + ", " + r.left() + ")   interior error: CNN "
                    + Fmt.sci(r.cnnInterior()) + ", MLP " + Fmt.err(r.mlpInterior()), List.of(
                    new Panel("input", Pictures.plane(canvases, k, 0, 1, ColorMap.GREY, 3)),
                    new Panel("CNN output", Pictures.plane(cnnOut, k, 0, cnnMax, ColorMap.HEAT, 3)),
                    new Panel("MLP output", Pictures.plane(mlpOut, k, 0, mlpMax, ColorMap.HEAT, 3))), 3, 8));
        }
        ImageFiles.gif(frames, 300, ctx.out().resolve("equivariance.gif"));
        return List.of(
                Figure.wide("equivariance-grid.png", "The 49 positions",
                        "Left: the input at each of the 49 positions; middle: the untrained CNN's output, which"
                                + " moves with the input; right: the untrained MLP's output, which does not."
                                + " Colours share one scale per network."),
                Figure.image("equivariance.gif", "Walking the positions",
                        "The input, the CNN's output and the MLP's output as the image walks the canvas, with"
                                + " each position's interior error.", frames.get(0).getWidth()));
    }

    private static Figure drawErrorChart(LabContext ctx, List<Position> rows, int margin) {
        int n = rows.size() - 1;
        double[] x = new double[n];
        double[][] y = new double[4][n];
        for (int k = 1; k <= n; k++) {
            Position r = rows.get(k);
            x[k - 1] = k;
            y[0][k - 1] = floor(r.cnnInterior());
            y[1][k - 1] = floor(r.cnnWhole());
            y[2][k - 1] = floor(r.mlpInterior());
            y[3][k - 1] = floor(r.mlpWhole());
        }
        Charts.save(Charts.lines("Equivariance error at each position", "position (row by row)",
                "||f(Tx) - T f(x)|| / ||f(Tx)||", List.of(Charts.Series.of("CNN, interior", x, y[0]),
                        Charts.Series.of("CNN, whole canvas", x, y[1]), Charts.Series.of("MLP, interior", x, y[2]),
                        Charts.Series.of("MLP, whole canvas", x, y[3])), true),
                ctx.out().resolve("equivariance-errors.png"));
        return Figure.chart("equivariance-errors.png", "Error per position",
                "Relative error against the first position for each of the 48 others (log scale; exact zeros drawn"
                        + " at " + Fmt.sci(FLOOR) + "). Interior = output pixels at least " + margin
                        + " pixels from the border for both positions, so no padding is involved.");
    }

    private static Figure drawDifference(LabContext ctx, Tensor cnnOut, Tensor mlpOut, List<Position> rows, int k,
                                         int margin) {
        Position r = rows.get(k);
        int dy = r.top() - rows.get(0).top();
        int dx = r.left() - rows.get(0).left();
        List<Panel> panels = new ArrayList<>();
        for (int net = 0; net < 2; net++) {
            Tensor out = net == 0 ? cnnOut : mlpOut;
            String name = net == 0 ? "CNN" : "MLP";
            Tensor moved = item(out, k);
            Tensor shifted = EquivarianceError.shift(item(out, 0), dy, dx);
            Tensor diff = Tensor.zeros(moved.shape());
            for (int i = 0; i < diff.size(); i++) {
                diff.data()[i] = Math.abs(moved.data()[i] - shifted.data()[i]);
            }
            double hi = Math.max(max(moved), max(shifted));
            panels.add(new Panel(name + ": f(Tx)", Pictures.plane(moved, 0, 0, hi, ColorMap.HEAT, 3)));
            panels.add(new Panel(name + ": T f(x)", Pictures.plane(shifted, 0, 0, hi, ColorMap.HEAT, 3)));
            panels.add(new Panel(name + ": |difference|", Pictures.plane(diff, 0, 0, hi, ColorMap.HEAT, 3)));
        }
        BufferedImage img = Pictures.grid(null, panels, 3, 8);
        ImageFiles.png(img, ctx.out().resolve("equivariance-difference.png"));
        return Figure.image("equivariance-difference.png", "f(Tx) against T f(x)",
                "For the shift to position (" + r.top() + ", " + r.left() + "): the output for the moved input, the"
                        + " first output moved, and their difference (same colour scale). The CNN's differences lie"
                        + " outside the interior only: where the shift fills in zeros (the net's output on a blank"
                        + " area is not zero, because of its biases) and within " + margin + " pixels of the borders"
                        + " (the padding); over the interior the error is " + Fmt.sci(r.cnnInterior())
                        + ". The MLP's are everywhere (interior error " + Fmt.err(r.mlpInterior()) + ").",
                img.getWidth());
    }

    private static Figure drawAliasing(LabContext ctx, List<Alias> aliasing) {
        double[] x = aliasing.stream().mapToDouble(Alias::shift).toArray();
        Charts.save(Charts.lines("Subsampling breaks exact equivariance", "shift of the input (pixels)",
                "interior error", List.of(
                        Charts.Series.of("stride-1 CNN", x, aliasing.stream().mapToDouble(Alias::plain).toArray()),
                        Charts.Series.of("with 2x2 max-pool", x, aliasing.stream().mapToDouble(Alias::pooled).toArray()),
                        Charts.Series.of("stride-2 first conv", x,
                                aliasing.stream().mapToDouble(Alias::strided).toArray())), false),
                ctx.out().resolve("equivariance-aliasing.png"));
        return Figure.chart("equivariance-aliasing.png", "Aliasing",
                "Interior error when the image moves right by 0.." + (aliasing.size() - 1) + " pixels. The pooled and"
                        + " strided nets output a grid half as fine: an even shift moves it by whole cells (error at"
                        + " rounding level), an odd shift falls between cells (compared with the nearer whole shift).");
    }

    private static double floor(double v) {
        return Double.isNaN(v) ? FLOOR : Math.max(FLOOR, v);
    }
}
