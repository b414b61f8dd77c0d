/**
 * Saving and loading named tensors: the checkpoint format of convlab.
 *
 * <h2>Format (version 1), all integers little-endian</h2>
 * <pre>
 * offset  size      field
 * 0       8         magic, the ASCII bytes "CVLBTNSR"
 * 8       4         version, uint32 = 1
 * 12      4         metadata length M, uint32, at most 1 MiB
 * 16      M         metadata, UTF-8 text of "key=value" lines
 * ...     4         tensor count T, uint32, at most 65,536
 * then T entries:
 *         2         name length L, uint16, 1..1024
 *         L         name, UTF-8, unique within the file
 *         1         rank R, 0..8
 *         4*R       dimensions, uint32 each, 1..2^31-1, product at most 2^31-9
 *         4*P       the P = product values, float32, row-major
 * last    4         CRC-32C of every byte before it
 * </pre>
 * Readers check every length against the bytes left in the file before allocating, and the
 * checksum before returning anything. Writers replace a file atomically and keep the previous
 * version beside it as {@code FILE.bak}; see {@link org.convlab.tensor.io.TensorFile}.
 */
package org.convlab.tensor.io;
