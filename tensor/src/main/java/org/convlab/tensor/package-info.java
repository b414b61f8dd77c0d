/**
 * Dense float32 tensors and the kernels that compute on them.
 *
 * <p>A {@link org.convlab.tensor.Tensor} is a {@link org.convlab.tensor.Shape} and a row-major
 * {@code float[]}; images are NCHW. This package knows nothing of layers: layers in
 * {@code org.convlab.nn} call kernels here.
 */
package org.convlab.tensor;
