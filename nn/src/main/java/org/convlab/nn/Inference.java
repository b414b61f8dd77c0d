package org.convlab.nn;

import org.convlab.core.BadParameterException;
import org.convlab.nn.checkpoint.Architecture;
import org.convlab.tensor.Tensor;

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
 */
public final class Inference {
    private final Module copy;

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
        return copy.forward(x);
    }
}
