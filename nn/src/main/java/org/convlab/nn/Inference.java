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
 * <p>On one thread, a batch whose largest activation (a layer's output) would not fit in
 * {@link #ACTIVATION_BUDGET_BYTES} runs in equal micro-batches that do, so that each layer reads
 * its input from the core's L2 rather than from memory: a batch of 64 through the notebook's
 * ConvNets (32 feature maps of 28 x 28 or 32 x 32 after the first layer, 100-128 KB an image)
 * runs as 8 x 8 images. Every layer computes each image on its own, so the outputs have the
 * same bits. With more threads each layer splits the whole batch between them instead
 * (micro-batches there were slower: more hand-overs between threads per batch).
 */
public final class Inference {
    /**
     * Bytes of a micro-batch's largest activation on one thread: 1 MiB, half the 2 MiB L2 of the
     * Xeon measured (one thread, batch 64 in 8 x 8 images against whole: 1x28x28 ConvNet
     * 1.02-1.22x, 3x32x32 1.04-1.09x; the MLP-784's 8 x 8 images 0.71-0.82x, its activations
     * already small enough to stay whole).
     */
    static final long ACTIVATION_BUDGET_BYTES = 1 << 20;

    private final Module copy;
    /** The input shape and thread count the micro-batch size below was chosen for, or {@code null}. */
    private Shape plannedShape;
    private int plannedThreads;
    /** Images in a batch of {@link #plannedShape}, and per micro-batch ({@code batch} when not split). */
    private int batch;
    private int micro;
    /** A micro-batch's input and the whole batch's output, when the batch is split. */
    private Tensor part;
    private Tensor result;

    private Inference(Module copy) {
        this.copy = copy;
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
        if (micro == batch) {
            return copy.forward(x);
        }
        int inPer = x.size() / batch;
        for (int i0 = 0; i0 < batch; i0 += micro) {
            System.arraycopy(x.data(), i0 * inPer, part.data(), 0, micro * inPer);
            Tensor y = copy.forward(part);
            System.arraycopy(y.data(), 0, result.data(), i0 * (y.size() / micro), y.size());
        }
        return result;
    }

    /**
     * Runs {@code x} whole and chooses the micro-batch size for its shape from the activations it
     * produced: halved while even and while the largest of them (or the input) exceeds the budget
     * at that size; the whole batch on more than one thread, for an input without a batch
     * dimension, or when the model is not a {@link Sequential} (whose children's outputs are
     * visible).
     */
    private Tensor plan(Tensor x) {
        Tensor y = copy.forward(x);
        batch = x.rank() < 2 ? 1 : x.dim(0);
        micro = batch;
        boolean batched = x.rank() >= 2 && y.rank() >= 1 && y.dim(0) == batch;
        if (Parallel.threads() == 1 && batched && copy instanceof Sequential sequential) {
            long largest = x.size();
            for (int i = 0; i < sequential.size(); i++) {
                largest = Math.max(largest, sequential.output(i).size());
            }
            long perImage = largest / batch;
            while (micro % 2 == 0 && micro * perImage * Float.BYTES > ACTIVATION_BUDGET_BYTES) {
                micro /= 2;
            }
        }
        plannedShape = x.shape();
        plannedThreads = Parallel.threads();
        if (micro != batch) {
            int[] dims = x.shape().dims();
            dims[0] = micro;
            part = Tensor.zeros(dims);
            result = Tensor.zeros(y.shape());
        } else {
            part = null;
            result = null;
        }
        return y;
    }

    /** Images per micro-batch for the last input shape (the whole batch when not split): for tests. */
    int microBatch() {
        return micro;
    }
}
