package org.convlab.nn;

import org.convlab.core.BadParameterException;
import org.convlab.nn.checkpoint.Architecture;
import org.convlab.tensor.Shape;
import org.convlab.tensor.Tensor;
import org.convlab.tensor.parallel.Parallel;

/**
 * A model's forward pass with its parameters fixed, for evaluation and prediction (as ONNX
 * Runtime's session or {@code torch.jit.freeze}): made from a copy of the model, so it computes
 * with the parameters the model had when it was made, whatever happens to the model after
 * (make a new one to see later changes). Its layers prepare their parameters once: a
 * {@code Linear} packs its weight for the matrix multiply instead of on every pass. The outputs
 * have the bits of {@code model.forward}.
 *
 * <pre>{@code
 * Inference inference = Inference.of(model);
 * Tensor logits = inference.forward(images); // (n, classes)
 * }</pre>
 * Like a module, one is used by one thread at a time, and {@link #forward} returns a buffer the
 * next call overwrites.
 *
 * <p>A batch whose largest activation (a layer's output) would not fit in
 * {@link #ACTIVATION_BUDGET_BYTES} is split: on one thread into equal micro-batches that fit, so
 * that each layer reads its input from the core's L2 rather than from memory (a batch of 64
 * through the notebook's ConvNets, 32 feature maps of 28 x 28 or 32 x 32 after the first layer,
 * 100-128 KB an image, runs as 8 x 8 images); on more threads into one share per thread, each
 * run by its thread through its own copy of the model in such micro-batches, so that no layer
 * hands work between threads. Every layer computes each image on its own, so the outputs have
 * the same bits. A batch whose activations fit is split the same way on more threads when each
 * share has enough work ({@link #SHARE_MULTIPLY_ADDS}): one hand-over a batch instead of one a
 * layer, and each thread's rows go through every layer while they sit in its caches. Otherwise
 * it stays whole, each layer split between the threads.
 */
public final class Inference {
    /**
     * Bytes of a micro-batch's largest activation: 1 MiB, half the 2 MiB L2 of the Xeon measured
     * (one thread, batch 64 in 8 x 8 images against whole: 1x28x28 ConvNet 1.02-1.22x, 3x32x32
     * 1.04-1.09x; the MLP-784's 8 x 8 images 0.71-0.82x, its activations already small enough to
     * stay whole). On two threads of an AMD Zen 4 (1 MiB of L2 a core), the code before and after
     * in one JVM, rounds interleaved, batch 64, two runs: a share of 32 images a thread in
     * micro-batches of 8 against the whole batch with every layer split between the threads, the
     * 1x28x28 ConvNet 1.07-1.08x, the 3x32x32 1.06-1.10x (on the Xeon an earlier trial of the same
     * split read 0.90-1.20x, median about 1.0).
     */
    static final long ACTIVATION_BUDGET_BYTES = 1 << 20;

    /**
     * Bytes of parameters up to which a batch is split into one share per thread, each thread
     * with its own copy of the model: 16 MiB (the notebook's ConvNets have 0.3-0.7 MB). A model
     * with larger weights keeps the whole batch, every layer split between the threads, rather
     * than hold a copy of them per thread and stream each copy from memory.
     */
    static final long SHARED_WEIGHTS_BUDGET_BYTES = 16L << 20;

    /**
     * Multiply-adds a thread's share must have for a batch whose activations fit to be split
     * between the threads rather than run whole, every layer split: 2^18, counted as the share's
     * images times the model's parameters (a linear layer's multiply-adds an image; a
     * convolution's are more). Below it the fork costs more than the share saves. MLP
     * 784-100-100-10 on two threads of an AMD EPYC Zen 5 (AVX-512), JDK 25, the two ways in one
     * JVM, rounds interleaved, medians: batch 64 1.15-1.22x, 32 1.07x, 16 1.06x, 8 1.11x (358 K
     * multiply-adds a share), 4 0.96x (179 K).
     */
    static final long SHARE_MULTIPLY_ADDS = 1 << 18;

    private final Module copy;
    /** The input shape and thread count the split below was chosen for, or {@code null}. */
    private Shape plannedShape;
    private int plannedThreads;
    /** Images in a batch of {@link #plannedShape}. */
    private int batch;
    /** Each thread's share of the batch, or {@code null} when the batch runs whole. */
    private Share[] shares;
    /** The copies of the model made so far: {@link #copy} and one more per further thread. */
    private final java.util.List<Module> copies = new java.util.ArrayList<>();
    /** The whole batch's output, when the batch is split. */
    private Tensor result;

    private Inference(Module copy) {
        this.copy = copy;
        copies.add(copy);
    }

    /** Images {@code [first, first + images)} of a batch, run through {@code model} {@code micro} at a time. */
    private static final class Share {
        final Module model;
        final int first;
        final int images;
        final int micro;
        final Tensor part;

        Share(Module model, int first, int images, int micro, Shape input) {
            this.model = model;
            this.first = first;
            this.images = images;
            this.micro = micro;
            int[] dims = input.dims();
            dims[0] = micro;
            this.part = Tensor.zeros(dims);
        }

        /** Writes this share's outputs into {@code result} ({@code outPer} floats an image). */
        void run(Tensor x, Tensor result, int inPer, int outPer) {
            for (int i0 = first; i0 < first + images; i0 += micro) {
                System.arraycopy(x.data(), i0 * inPer, part.data(), 0, micro * inPer);
                Tensor y = model.forward(part);
                System.arraycopy(y.data(), 0, result.data(), i0 * outPer, micro * outPer);
            }
        }
    }

    /**
     * The forward pass of {@code model} with its present parameters.
     *
     * @throws BadParameterException naming the first module that cannot be copied (one a
     *                               checkpoint cannot record, such as a user-defined module)
     */
    public static Inference of(Module model) {
        Module copy = Architecture.of(model).build();
        copy.loadStateDict(model.stateDict());
        copy.prepareForInference();
        return new Inference(copy);
    }

    /** The model's output for {@code x}, a buffer owned by this inference (overwritten by the next call). */
    public Tensor forward(Tensor x) {
        if (!x.shape().equals(plannedShape) || Parallel.threads() != plannedThreads) {
            return plan(x);
        }
        if (shares == null) {
            return copy.forward(x);
        }
        int inPer = x.size() / batch;
        int outPer = result.size() / batch;
        if (shares.length == 1) {
            shares[0].run(x, result, inPer, outPer);
        } else {
            Share[] s = shares;
            Tensor r = result;
            Parallel.forEach(s.length, t -> s[t].run(x, r, inPer, outPer));
        }
        return result;
    }

    /**
     * Runs {@code x} whole and chooses how to split a batch of its shape from the activations it
     * produced: when the largest of them (or the input) exceeds the budget, or on more threads
     * when a share has {@link #SHARE_MULTIPLY_ADDS}, one share per thread (as equal as can be),
     * each in micro-batches halved while even and over the budget. The whole batch for an input
     * without a batch dimension, a batch smaller than the thread count, a model that is not a
     * {@link Sequential} (whose children's outputs are visible), or on more threads a model whose
     * parameters exceed {@link #SHARED_WEIGHTS_BUDGET_BYTES}.
     */
    private Tensor plan(Tensor x) {
        Tensor y = copy.forward(x);
        batch = x.rank() < 2 ? 1 : x.dim(0);
        shares = null;
        result = null;
        plannedShape = x.shape();
        plannedThreads = Parallel.threads();
        boolean batched = x.rank() >= 2 && y.rank() >= 1 && y.dim(0) == batch;
        if (!batched || !(copy instanceof Sequential sequential) || batch < plannedThreads) {
            return y;
        }
        long largest = x.size();
        for (int i = 0; i < sequential.size(); i++) {
            largest = Math.max(largest, sequential.output(i).size());
        }
        long bytesPerImage = largest / batch * Float.BYTES;
        boolean fits = batch * bytesPerImage <= ACTIVATION_BUDGET_BYTES;
        int threads = plannedThreads;
        if (threads == 1 && fits) {
            return y;
        }
        if (threads > 1 && (copy.parameterCount() * Float.BYTES > SHARED_WEIGHTS_BUDGET_BYTES
                || fits && (long) (batch / threads) * copy.parameterCount() < SHARE_MULTIPLY_ADDS)) {
            return y;
        }
        Share[] split = new Share[threads];
        for (int t = 0; t < threads; t++) {
            int first = (int) ((long) batch * t / threads);
            int images = (int) ((long) batch * (t + 1) / threads) - first;
            int micro = images;
            while (micro % 2 == 0 && micro * bytesPerImage > ACTIVATION_BUDGET_BYTES) {
                micro /= 2;
            }
            split[t] = new Share(copyFor(t), first, images, micro, x.shape());
        }
        if (threads == 1 && split[0].micro == batch) {
            return y;
        }
        shares = split;
        result = Tensor.zeros(y.shape());
        System.arraycopy(y.data(), 0, result.data(), 0, y.size());
        return result;
    }

    /** The copy of the model thread {@code t}'s share runs through, made on first need. */
    private Module copyFor(int t) {
        while (copies.size() <= t) {
            Module another = Architecture.of(copy).build();
            another.loadStateDict(copy.stateDict());
            another.prepareForInference();
            copies.add(another);
        }
        return copies.get(t);
    }

    /** Images per micro-batch of the first share for the last input shape (the whole batch when not split): for tests. */
    int microBatch() {
        return shares == null ? batch : shares[0].micro;
    }

    /** Shares the last input shape's batch is split into (1 when whole or split on one thread): for tests. */
    int shares() {
        return shares == null ? 1 : shares.length;
    }
}
