/**
 * The notebook's models, built from {@code org.convlab.nn.layers}:
 * {@link org.convlab.nn.models.ThreeLayerConvNet}, {@link org.convlab.nn.models.ThreeLayerMLP},
 * the equivariance pair {@link org.convlab.nn.models.EquivarianceCnn} and
 * {@link org.convlab.nn.models.EquivarianceMlp}, and the unshared twin of the CNN,
 * {@link org.convlab.nn.models.LocallyConnectedNet}, and the lab's probes
{@link org.convlab.nn.models.LinearClassifier} and {@link org.convlab.nn.models.Conv1Classifier}.
This package is their only definition: the lab builds through it. Each is a
 * {@link org.convlab.nn.Sequential} with named children, so its parameters are named
 * ({@code conv1.weight}) and {@code parameterCount()} gives its size.
 */
package org.convlab.nn.models;
