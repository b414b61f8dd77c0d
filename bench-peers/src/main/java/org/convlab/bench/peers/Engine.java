package org.convlab.bench.peers;

/**
 * One engine in the comparison (convlab, PyTorch through DJL, PyTorch from Python, ONNX
 * Runtime): holds one model with its parameters and one batch, and runs training steps or
 * inference on it.
 *
 * <p>Life cycle, driven by {@link Comparison}: {@link #prepare} with the shared weights and
 * batch and a thread count; {@link #logits} and one {@link #trainStep} for the correctness
 * check (not timed); then timed runs of {@link #timeTrain} or {@link #timeInfer}; finally
 * {@link #close}. {@code prepare} may be called again (another model, another thread count).
 *
 * <p>The semantics every engine must match: the model as described by {@link Model} (NCHW,
 * cross-correlation, flatten in NCHW order, PyTorch's weight layouts), the loss is
 * cross-entropy from logits averaged over the batch, and a training step is plain SGD
 * {@code w -= lr * dL/dw} with gradients reset every step.
 */
public interface Engine extends AutoCloseable {

    /** A short column name, e.g. {@code "pytorch-djl"}. */
    String name();

    /** A one-line description: version, library path, BLAS, threads. Called after a prepare. */
    String describe();

    /** Whether this engine can train (ONNX Runtime here only infers). */
    boolean canTrain();

    /**
     * Loads {@code weights} into a fresh instance of {@code model}, keeps {@code batch} as the
     * input, and sets the engine to use {@code threads} threads.
     */
    void prepare(Model model, Weights weights, Batch batch, float learningRate, int threads) throws Exception;

    /** The forward output {@code (N, classes)}, row-major, for the current parameters. Not timed. */
    float[] logits() throws Exception;

    /** One training step on the batch (forward, loss, backward, SGD update); returns the loss before the update. */
    float trainStep() throws Exception;

    /** One forward pass on the batch without gradients; the output is kept inside the engine. */
    void infer() throws Exception;

    /** Seconds taken by {@code steps} consecutive training steps. */
    default double timeTrain(int steps) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainStep();
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** Seconds taken by {@code steps} consecutive inferences. */
    default double timeInfer(int steps) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            infer();
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    /**
     * A problem with this engine's setup that makes its figures wrong for it (a library much
     * slower than the one it normally runs on), in one line; {@code null} if none. Called after
     * a prepare.
     */
    default String warning() {
        return null;
    }

    /** Whether its work runs on the JVM's heap (then its peak heap is worth reporting). */
    default boolean onJavaHeap() {
        return false;
    }

    /** Releases native resources and subprocesses; failures are reported unchecked. */
    @Override
    void close();
}
