/**
 * Fast kernels on the Vector API ({@code jdk.incubator.vector}); the only package that imports
 * it. Every kernel here has a reference twin in {@code org.convlab.tensor.kernels} that serves
 * as fallback and test oracle, and {@link org.convlab.tensor.kernels.Kernels} selects between
 * them once ({@code -Dconvlab.simd=false} forces the twins).
 *
 * <ul>
 * <li>{@link org.convlab.tensor.simd.SimdGemm} — cache-blocked SGEMM: packed panels
 * ({@code GemmPacking}), a 6 x 2L register tile ({@code MicroKernel}, L lanes), chunks of C on
 * {@link org.convlab.tensor.parallel.Parallel}.</li>
 * <li>{@link org.convlab.tensor.simd.SimdConv} — direct convolution without im2col: forward and
 * stride-1 input gradient by {@code DirectConv} / {@code CorrelationKernel} over a padded copy of
 * the image ({@code Correlation}), weight gradient by {@code DirectWeightGrad} /
 * {@code WeightGradKernel}; everything else on the engine's im2col + GEMM path.</li>
 * <li>{@link org.convlab.tensor.simd.SimdElementwise} — rectifier forward and backward, bias rows.</li>
 * <li>{@link org.convlab.tensor.simd.SimdDense} — the linear layer with few outputs, in place.</li>
 * <li>{@link org.convlab.tensor.simd.FmaPeak} — the core's measured FMA peak at its best width, the
 * yardstick of every GFLOP/s figure; {@link org.convlab.tensor.simd.VectorWidths} — the widths in
 * use, of the JVM and of the CPU.</li>
 * <li>{@link org.convlab.tensor.simd.VectorKernels} — the set {@link org.convlab.tensor.kernels.Kernels}
 * wires (found as a {@link org.convlab.tensor.kernels.FastKernels} service).</li>
 * </ul>
 *
 * <p>Vector width: one species, {@code static final} ({@code Lanes}): the preferred one, or the one
 * {@code -Dconvlab.vector.bits=128|256|512} pins. Tiles follow its lane count L; the order of every
 * sum does not (dot products keep 8 partial sums at every width), so every width gives the same
 * bits ({@code WidthBitsTest}).
 *
 * <p>Vector discipline: the species is {@code static final}, loops run
 * to {@code loopBound} and finish with a scalar tail, and register-blocked micro-kernels keep
 * every vector in one method with one loop level, so that the JIT keeps them in registers (JDK 17
 * boxes vectors that live across nested loops). Helpers that run rarely (tail epilogues, sums)
 * are plain float code: interpreted or C1-compiled Vector API code allocates a box per vector
 * until C2 compiles it.
 */
package org.convlab.tensor.simd;
