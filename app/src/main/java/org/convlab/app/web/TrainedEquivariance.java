package org.convlab.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convlab.core.BadParameterException;
import org.convlab.lab.equivariance.FeatureExtractor;
import org.convlab.tensor.Tensor;

/**
 * The equivariance page's saved model: its convolutional feature extractor ({@link FeatureExtractor})
 * run on the same 56x56 canvas at the same 49 positions as the untrained networks of
 * {@link EquivarianceService}, with the lab's equivariance error against the first position,
 * measured on the feature grid: an input shift (top, left) is a feature shift
 * (top / sy, left / sx) when both are multiples of the total stride, and is not measured when
 * they are not (pooling and strides make a net equivariant only to such shifts).
 *
 * <p>{@code GET /api/models/equivariance?model=ID&image=I&position=P} answers the model, its
 * layers, stride and margin, the shift and the errors; {@code GET /api/models/equivariance.png}
 * with the same parameters the first {@link #SHOWN} feature maps side by side. A model is named
 * by an id of {@link SavedModels#list()} only. Results (64) are cached; a model's extractor runs
 * one request at a time.
 */
public final class TrainedEquivariance {
    /** The parameters both endpoints take. */
    public static final Set<String> PARAMETERS = Set.of("model", "image", "position");
    /** Feature maps drawn at most (the first channels). */
    public static final int SHOWN = 8;
    /** Feature maps per row of the drawing. */
    static final int COLUMNS = 4;

    private final EquivarianceService canvas;
    private final SavedModels models;
    private final Map<Key, Result> results = EquivarianceService.lru(64);

    /**
     * @param canvas the untrained page's service: its images and canvas
     * @param models the saved models offered
     */
    public TrainedEquivariance(EquivarianceService canvas, SavedModels models) {
        this.canvas = canvas;
        this.models = models;
    }

    /**
     * One position: the first {@link #SHOWN} feature maps {@code (min(C, SHOWN), H, W)} row-major,
     * the errors against the first position and, for the first position only, all features
     * {@code (C, H, W)} (what the other positions are measured against; the cache stays small).
     */
    record Result(int top, int left, float[] shown, FeatureExtractor.Measured measured, Tensor all) {
    }

    private record Key(FeatureExtractor model, int image, int position) {
    }

    /** {@code GET /api/models}: the saved models offered. */
    public Map<String, Object> catalogue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("models", models.describe());
        m.put("canvas", EquivarianceService.CANVAS);
        m.put("max_bytes", Limits.CHECKPOINT);
        return m;
    }

    /** {@code GET /api/models/equivariance}: the chosen model at one position. */
    public Map<String, Object> describe(QueryParams q) {
        SavedModels.Loaded loaded = loaded(q);
        FeatureExtractor f = loaded.features();
        int image = image(q);
        int position = position(q);
        Result r = result(new Key(f, image, position));
        FeatureExtractor.Measured e = r.measured();
        int[] shape = f.featureShape();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", loaded.entry().id());
        m.put("name", loaded.entry().name());
        m.put("layers", f.names());
        m.put("features", List.of(shape[0], shape[1], shape[2]));
        m.put("shown", Math.min(SHOWN, shape[0]));
        m.put("stride", List.of(f.strideY(), f.strideX()));
        m.put("margin", f.margin());
        m.put("image", image);
        m.put("position", position);
        m.put("top", r.top());
        m.put("left", r.left());
        m.put("aligned", e.aligned());
        m.put("feature_shift", e.aligned() ? List.of(e.dy(), e.dx()) : null);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("whole", e.aligned() ? finite(e.whole()) : null);
        errors.put("interior", e.aligned() ? finite(e.interior()) : null);
        m.put("errors", errors);
        m.put("note", note(f, r));
        m.put("image_url", "/api/models/equivariance.png?model=" + loaded.entry().id() + "&image=" + image
                + "&position=" + position);
        return m;
    }

    /** The shift in words: which feature shift it is, or why none is measured. */
    static String note(FeatureExtractor f, Result r) {
        String stride = f.strideY() == f.strideX() ? Integer.toString(f.strideY()) : f.strideY() + " x " + f.strideX();
        String shift = "the shift (" + r.top() + ", " + r.left() + ")";
        if (!r.measured().aligned()) {
            return shift + " is not a multiple of the total stride " + stride + ": the features have no shifted"
                    + " counterpart on their coarser grid, so no error is measured";
        }
        return shift + " is (" + r.measured().dy() + ", " + r.measured().dx() + ") feature pixels at total stride "
                + stride;
    }

    /** {@code GET /api/models/equivariance.png}: the first feature maps, each scaled to its own maximum. */
    public byte[] png(QueryParams q) {
        FeatureExtractor f = loaded(q).features();
        Result r = result(new Key(f, image(q), position(q)));
        int[] s = f.featureShape();
        return Png.heatTiles(r.shown(), Math.min(SHOWN, s[0]), s[1], s[2], COLUMNS);
    }

    private SavedModels.Loaded loaded(QueryParams q) {
        String id = q.text("model", null);
        if (id == null) {
            throw new BadParameterException("model", "an id listed by /api/models", "nothing");
        }
        SavedModels.Loaded loaded = models.load(id, EquivarianceService.CANVAS);
        if (loaded.refusal() != null) {
            throw new WebException(400, loaded.refusal());
        }
        return loaded;
    }

    private int image(QueryParams q) {
        return (int) q.integer("image", 0, 0, canvas.images().size() - 1L);
    }

    private static int position(QueryParams q) {
        return (int) q.integer("position", 0, 0, EquivarianceService.POSITIONS - 1L);
    }

    private Result result(Key key) {
        synchronized (results) {
            Result hit = results.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Result base = key.position() == 0 ? null : result(new Key(key.model(), key.image(), 0));
        int top = EquivarianceService.STEP * (key.position() / EquivarianceService.GRID);
        int left = EquivarianceService.STEP * (key.position() % EquivarianceService.GRID);
        float[] placed = EquivarianceService.place(canvas.images().image(key.image()), top, left);
        int side = EquivarianceService.CANVAS;
        Tensor features = key.model().forward(Tensor.wrap(placed, 1, 1, side, side));
        int[] d = features.shape().dims();
        Tensor chw = features.reshape(d[1], d[2], d[3]);
        Tensor fx = base == null ? chw : base.all();
        float[] shown = java.util.Arrays.copyOf(chw.data(), Math.min(SHOWN, d[1]) * d[2] * d[3]);
        Result r = new Result(top, left, shown, key.model().measure(fx, chw, top, left), base == null ? chw : null);
        synchronized (results) {
            results.put(key, r);
        }
        return r;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
