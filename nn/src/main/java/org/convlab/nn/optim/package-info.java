/**
 * Optimisers with PyTorch's exact update rules: {@link org.convlab.nn.optim.SGD} (momentum,
 * dampening, Nesterov, weight decay) and {@link org.convlab.nn.optim.Adam}. Frozen parameters
 * are skipped.
 */
package org.convlab.nn.optim;
