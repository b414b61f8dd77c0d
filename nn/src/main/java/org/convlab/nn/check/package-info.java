/**
 * Gradient checking in double precision that also covers the float32 engine:
 * {@link org.convlab.nn.check.GradCheck} compares each module's double-precision
 * {@link org.convlab.nn.check.Twin} (reference kernels) with central differences, and the
 * engine's float32 results with that twin. {@link org.convlab.nn.check.GradCheckSuite} holds
 * the configurations of {@code convlab gradcheck}.
 */
package org.convlab.nn.check;
