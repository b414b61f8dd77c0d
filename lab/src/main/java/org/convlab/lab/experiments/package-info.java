/**
 * The notebook's experiments and the weight-sharing study. Each is a class with a static
 * {@code run(LabContext)} that trains or probes networks, writes its figures into the
 * context's output folder and returns a result record (serialised to JSON by
 * {@link org.convlab.lab.reporting.LabJson}) whose {@code findings} state what it shows in
 * numbers computed from the measurements:
 * <ul>
 * <li>{@link org.convlab.lab.experiments.CnnVsMlp} — worksheet 2(a)</li>
 * <li>{@link org.convlab.lab.experiments.Equivariance} — 2(b), with the aliasing of strides and pooling</li>
 * <li>{@link org.convlab.lab.experiments.UntrainedFeatures} — 2(c)</li>
 * <li>{@link org.convlab.lab.experiments.FrozenCnn} — 2(d)</li>
 * <li>{@link org.convlab.lab.experiments.Sharing} — worksheet 1(e) made real: CNN vs locally connected vs MLP</li>
 * </ul>
 * {@link org.convlab.lab.experiments.LabSettings} holds the protocol (quick or full), and
 * {@link org.convlab.lab.experiments.RunCache} lets experiments share identical training runs.
 */
package org.convlab.lab.experiments;
