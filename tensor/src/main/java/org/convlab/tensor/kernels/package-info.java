/**
 * Kernels and their selection. Every kernel family is an interface with caller-provided output
 * buffers and documented shapes, an engine implementation and a reference twin:
 * <ul>
 * <li>{@link org.convlab.tensor.kernels.Gemm}: {@code ReferenceGemm}, later the Vector API GEMM;</li>
 * <li>{@link org.convlab.tensor.kernels.ConvKernels}: {@link org.convlab.tensor.kernels.GemmConv}
 *     (im2col + GEMM) and {@link org.convlab.tensor.kernels.ReferenceConv};</li>
 * <li>{@link org.convlab.tensor.kernels.LocalKernels}: {@link org.convlab.tensor.kernels.GemmLocal} and
 *     {@link org.convlab.tensor.kernels.ReferenceLocal};</li>
 * <li>{@link org.convlab.tensor.kernels.DenseKernels}: {@link org.convlab.tensor.kernels.GemmDense} and
 *     {@link org.convlab.tensor.kernels.ReferenceDense};</li>
 * <li>{@link org.convlab.tensor.kernels.PoolKernels}: {@link org.convlab.tensor.kernels.DirectPool} and
 *     {@link org.convlab.tensor.kernels.ReferencePool}.</li>
 * </ul>
 * The reference twins compute in double precision (their static methods take {@code double[]}
 * and serve the gradient check; their float methods round once and serve as test oracles).
 * Fast kernels live in {@code org.convlab.tensor.simd}, the only package that imports
 * {@code jdk.incubator.vector}; {@link org.convlab.tensor.kernels.Kernels} chooses once, and
 * layers call only {@code Kernels}. Geometry comes from {@link org.convlab.tensor.kernels.ConvPlan},
 * read from the algebra module's {@code ConvGeometry}; scratch memory from a caller-owned
 * {@link org.convlab.tensor.kernels.Workspace}; parallel work is split by
 * {@link org.convlab.tensor.kernels.Chunks} independently of the thread count.
 */
package org.convlab.tensor.kernels;
