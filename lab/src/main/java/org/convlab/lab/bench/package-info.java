/**
 * The one harness that times convlab's training step, shared by {@code ./convlab bench}, the
 * JMH {@code TrainingBenchmark} and the peers' convlab engine: {@link org.convlab.lab.bench.TrainingStep}
 * is the step (zeroGrad, forward, cross-entropy, backward, SGD) on the notebook's models, and
 * {@link org.convlab.lab.bench.StepTimer} warms it up, repeats it and reports the median seconds
 * and the bytes allocated per call.
 */
package org.convlab.lab.bench;
