package org.convlab.nn.train;

import org.convlab.nn.Module;

/** Measures a model on held-out data, e.g. its accuracy on a validation split (forward passes only). */
@FunctionalInterface
public interface Validation {
    /** The measurement, e.g. accuracy in [0, 1]; must not change the model's parameters. */
    double measure(Module model);
}
