package org.convlab.nn.check;

/**
 * The outcome of checking one layer (or loss, or model) on one configuration.
 *
 * @param name        what was checked, e.g. {@code Conv2d stride 2}
 * @param module      the module's description (PyTorch-style)
 * @param input       the input shape, e.g. {@code (2, 3, 7, 6)}
 * @param parameters  number of parameter elements checked
 * @param fdError     the double-precision analytic gradients against central differences:
 *                    max |analytic - numeric| / max |numeric|, over the input and every parameter
 * @param floatError  the float32 engine against its double twin: max |float - double| / max |double|,
 *                    over the output, the input gradient and every parameter gradient
 * @param passed      both errors within {@link GradCheck#FD_TOLERANCE} and {@link GradCheck#FLOAT_TOLERANCE}
 */
public record GradCheckResult(String name, String module, String input, long parameters, double fdError,
                              double floatError, boolean passed) {
}
