/**
 * What convolutions cost, exactly: {@link org.convlab.algebra.cost.ConvCost} (weights, biases,
 * multiply-adds with and without bias, the dense and locally connected equivalents, in
 * {@link java.math.BigInteger}), and {@link org.convlab.algebra.cost.LayerStack} for a stack of
 * layers written like {@code k5s1,k3s1} ({@link org.convlab.algebra.cost.LayerSpec}) with its
 * shapes, costs and {@link org.convlab.algebra.cost.ReceptiveField receptive field}.
 */
package org.convlab.algebra.cost;
