package org.convlab.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.convlab.core.ConvlabException;
import org.convlab.lab.equivariance.EquivarianceError;
import org.convlab.nn.init.Rng;
import org.convlab.nn.models.EquivarianceCnn;
import org.convlab.nn.models.EquivarianceMlp;
import org.convlab.tensor.Tensor;

/**
 * The notebook's translational-equivariance experiment, computed per request: a 28x28 image
 * placed on a 56x56 zero canvas at one of 49 positions (top, left in {0, 4, ..., 24}, row by
 * row), run through the untrained {@link EquivarianceCnn} and {@link EquivarianceMlp}, with the
 * lab's {@link EquivarianceError} of each network against the first position (the same metric
 * as {@code ./convlab equivariance}), over the whole canvas and over the interior of margin
 * {@link #MARGIN}.
 *
 * <p>{@code GET /api/equivariance?image=I&seed=S&position=P} answers the position, the errors and
 * the URLs of the three PNGs; {@code GET /api/equivariance/{input,cnn,mlp}.png} with the same
 * parameters answers an image. Both networks are built from {@code new Rng(seed)}, the CNN first
 * (PyTorch's default initialisation). Models (4 seeds) and results (64) are kept in small
 * caches; a model is used by one request at a time.
 */
public final class EquivarianceService {
    /** The parameters the equivariance endpoints take. */
    public static final Set<String> PARAMETERS = Set.of("image", "seed", "position");
    /** The canvas side. */
    public static final int CANVAS = 56;
    /** Positions per axis: top and left in {0, 4, ..., 24}. */
    public static final int GRID = 7;
    /** The step between positions. */
    public static final int STEP = 4;
    /** All positions. */
    public static final int POSITIONS = GRID * GRID;
    /**
     * The interior margin: the receptive-field radius of {@link EquivarianceCnn} (three 3x3
     * convolutions, a 7x7 field), so that the interior never sees padding.
     */
    public static final int MARGIN = 3;
    /** The seed when none is given: the notebook's. */
    public static final long DEFAULT_SEED = 7;
    /** How long a request waits for the data set to finish loading. */
    private static final long LOAD_WAIT_SECONDS = 60;

    private final CompletableFuture<ImageSource> source;
    private final Map<Long, Models> models = lru(4);
    private final Map<Key, Result> results = lru(64);

    /** @param source the images, possibly still loading */
    public EquivarianceService(CompletableFuture<ImageSource> source) {
        this.source = source;
    }

    /** One computed position. Maps are row-major 56 x 56. */
    public record Result(int top, int left, float[] input, float[] cnn, float[] mlp,
                         double cnnWhole, double cnnInterior, double mlpWhole, double mlpInterior) {
    }

    private record Key(int image, long seed, int position) {
    }

    /** A pair of untrained networks for one seed; used by one request at a time. */
    private static final class Models {
        final EquivarianceCnn cnn;
        final EquivarianceMlp mlp;

        Models(long seed) {
            Rng rng = new Rng(seed);
            cnn = new EquivarianceCnn(rng);
            mlp = new EquivarianceMlp(rng);
        }

        synchronized float[][] forward(float[] canvas) {
            Tensor x = Tensor.wrap(canvas, 1, 1, CANVAS, CANVAS);
            float[] c = cnn.forward(x).data().clone();
            float[] m = mlp.forward(x).data().clone();
            return new float[][] {c, m};
        }
    }

    /** The loaded images, waiting for the load to finish. */
    public ImageSource images() {
        try {
            return source.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new WebException(503, "data: the images are still loading; try again in a moment");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebException(503, "data: interrupted while loading the images");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof ConvlabException ? cause.getMessage() : String.valueOf(cause);
            throw new WebException(500, "data: the images could not be loaded: " + message);
        }
    }

    /** {@code GET /api/equivariance/images}: where the images come from and the named examples. */
    public Map<String, Object> catalogue() {
        ImageSource s = images();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", s.description());
        m.put("size", s.size());
        m.put("examples", s.examples());
        m.put("positions", POSITIONS);
        m.put("canvas", CANVAS);
        m.put("default_seed", DEFAULT_SEED);
        return m;
    }

    /** {@code GET /api/equivariance}: the position, both networks' errors and the image URLs. */
    public Map<String, Object> describe(QueryParams q) {
        Key key = key(q);
        Result r = result(key);
        ImageSource s = images();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", s.description());
        m.put("image", key.image());
        m.put("label", s.label(key.image()));
        m.put("seed", key.seed());
        m.put("position", key.position());
        m.put("top", r.top());
        m.put("left", r.left());
        m.put("canvas", CANVAS);
        m.put("margin", MARGIN);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("cnn", errors(r.cnnWhole(), r.cnnInterior()));
        errors.put("mlp", errors(r.mlpWhole(), r.mlpInterior()));
        m.put("errors", errors);
        String query = "?image=" + key.image() + "&seed=" + key.seed() + "&position=" + key.position();
        Map<String, String> urls = new LinkedHashMap<>();
        for (String view : List.of("input", "cnn", "mlp")) {
            urls.put(view, "/api/equivariance/" + view + ".png" + query);
        }
        m.put("images", urls);
        return m;
    }

    private static Map<String, Object> errors(double whole, double interior) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("whole", finite(whole));
        m.put("interior", finite(interior));
        return m;
    }

    /** JSON has no infinity or NaN: they become null (the page shows a dash). */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** {@code GET /api/equivariance/VIEW.png}: the input, the CNN's output or the MLP's output. */
    public byte[] png(String view, QueryParams q) {
        Result r = result(key(q));
        return switch (view) {
            case "input" -> Png.grey(r.input(), CANVAS, CANVAS);
            case "cnn" -> Png.heat(r.cnn(), CANVAS, CANVAS);
            case "mlp" -> Png.heat(r.mlp(), CANVAS, CANVAS);
            default -> throw new WebException(404, "not found: /api/equivariance/" + QueryParams.shown(view)
                    + ".png (the images are input.png, cnn.png and mlp.png)");
        };
    }

    private Key key(QueryParams q) {
        ImageSource s = images();
        int image = (int) q.integer("image", 0, 0, s.size() - 1L);
        long seed = q.integer("seed", DEFAULT_SEED, 0, Limits.SEED);
        int position = (int) q.integer("position", 0, 0, POSITIONS - 1L);
        return new Key(image, seed, position);
    }

    /** The result for an image, seed and position, computed or from the cache. */
    public Result result(int image, long seed, int position) {
        return result(new Key(image, seed, position));
    }

    private Result result(Key key) {
        Result cached = cached(key);
        if (cached != null) {
            return cached;
        }
        Result base = key.position() == 0 ? null : result(new Key(key.image(), key.seed(), 0));
        Models pair = models(key.seed());
        int top = STEP * (key.position() / GRID);
        int left = STEP * (key.position() % GRID);
        float[] canvas = place(images().image(key.image()), top, left);
        float[][] out = pair.forward(canvas.clone());
        float[] cnnBase = base == null ? out[0] : base.cnn();
        float[] mlpBase = base == null ? out[1] : base.mlp();
        EquivarianceError.Result cnnError = error(cnnBase, out[0], top, left);
        EquivarianceError.Result mlpError = error(mlpBase, out[1], top, left);
        Result r = new Result(top, left, canvas, out[0], out[1], cnnError.whole(), cnnError.interior(),
                mlpError.whole(), mlpError.interior());
        synchronized (results) {
            results.put(key, r);
        }
        return r;
    }

    /**
     * The error of a network's output {@code shifted} = f(T x) against {@code base} = f(x), for
     * the shift (dy, dx): maps are row-major 56 x 56, one channel.
     */
    static EquivarianceError.Result error(float[] base, float[] shifted, int dy, int dx) {
        return EquivarianceError.measure(Tensor.wrap(base, 1, CANVAS, CANVAS), Tensor.wrap(shifted, 1, CANVAS, CANVAS),
                dy, dx, MARGIN);
    }

    private Result cached(Key key) {
        synchronized (results) {
            return results.get(key);
        }
    }

    private Models models(long seed) {
        synchronized (models) {
            return models.computeIfAbsent(seed, Models::new);
        }
    }

    /** A 28x28 image at (top, left) of a zero 56x56 canvas, row-major. */
    static float[] place(float[] image, int top, int left) {
        float[] canvas = new float[CANVAS * CANVAS];
        for (int r = 0; r < ImageSource.SIDE; r++) {
            System.arraycopy(image, r * ImageSource.SIDE, canvas, (top + r) * CANVAS + left, ImageSource.SIDE);
        }
        return canvas;
    }

    /** A map keeping the {@code capacity} most recently used entries. */
    static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
