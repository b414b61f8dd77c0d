/**
 * The training engine's API in the spirit of PyTorch's {@code torch.nn}:
 * {@link org.convlab.nn.Module} (forward, backward, parameters), {@link org.convlab.nn.Parameter}
 * (value, gradient, frozen flag) and {@link org.convlab.nn.Sequential}. Layers are in
 * {@code org.convlab.nn.layers}, the loss in {@code org.convlab.nn.loss}, optimisers in
 * {@code org.convlab.nn.optim}, initialisation in {@code org.convlab.nn.init}, the notebook's
 * models in {@code org.convlab.nn.models} and the gradient check in {@code org.convlab.nn.check}.
 *
 * <p>Tensors are float32 NCHW; layers call kernels through
 * {@link org.convlab.tensor.kernels.Kernels} and never compute on their own.
 */
package org.convlab.nn;
