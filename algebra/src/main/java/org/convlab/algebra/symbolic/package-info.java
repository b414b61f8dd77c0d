/**
 * Output elements as expressions: {@code y1 = k1x1 + k2x2 + k3x3}, 1-based like the worksheet.
 *
 * <p>{@link org.convlab.algebra.symbolic.Naming} names weights, inputs and outputs (plain
 * {@code k1}/{@code x1} for the worksheet's 1-D single-channel case, indexed
 * {@code k[o,c,i,j]}/{@code x[c,h,w]}/{@code y[o,i,j]} otherwise);
 * {@link org.convlab.algebra.symbolic.Elements} builds the expression of any output element
 * from the {@link org.convlab.algebra.ConvTaps}, dropping padded zeros and naming reflected,
 * replicated or circular positions by the input they copy;
 * {@link org.convlab.algebra.symbolic.ElementSelection} parses {@code --at}.
 */
package org.convlab.algebra.symbolic;
