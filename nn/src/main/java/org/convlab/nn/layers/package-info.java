/**
 * Layers with PyTorch's semantics: {@link org.convlab.nn.layers.Conv1d},
 * {@link org.convlab.nn.layers.Conv2d}, {@link org.convlab.nn.layers.LocallyConnected1d},
 * {@link org.convlab.nn.layers.LocallyConnected2d}, {@link org.convlab.nn.layers.Linear},
 * {@link org.convlab.nn.layers.ReLU}, {@link org.convlab.nn.layers.MaxPool2d},
 * {@link org.convlab.nn.layers.AvgPool2d}, {@link org.convlab.nn.layers.Flatten} and
 * {@link org.convlab.nn.layers.Reshape}. Windowed layers are made by builders that take the
 * hyper-parameters by name and an {@link org.convlab.nn.init.Rng} for the initial weights.
 */
package org.convlab.nn.layers;
