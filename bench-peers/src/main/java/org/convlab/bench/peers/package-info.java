/**
 * Side-by-side runs of convlab against PyTorch (2.7.1 through DJL, and Debian's 1.13 from a
 * Python subprocess) and ONNX Runtime, on the notebook's models, in one interleaved run.
 *
 * <p>Every engine implements {@link org.convlab.bench.peers.Engine}: prepared with the same
 * {@link org.convlab.bench.peers.Model}, the same {@link org.convlab.bench.peers.Weights} and
 * the same {@link org.convlab.bench.peers.Batch}, then checked against the reference for the
 * same logits and loss before anything is timed. {@link org.convlab.bench.peers.PeersMain} is
 * the entry point; {@code bench/peers.sh} builds and runs it with the flags the peers need
 * (offline, thread counts).
 *
 * <p>This module is built only with the Maven profile {@code peers}: its dependencies carry
 * the peers' native libraries, which the product never ships.
 */
package org.convlab.bench.peers;
