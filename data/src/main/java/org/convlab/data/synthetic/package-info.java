/**
 * The synthetic data set: ten glyph classes drawn at random positions, sizes and
 * intensities with noise, deterministic for a seed, needing no files — convlab's data when
 * no real data set is installed.
 */
package org.convlab.data.synthetic;
