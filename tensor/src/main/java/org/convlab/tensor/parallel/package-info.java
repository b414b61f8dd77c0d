/**
 * Threading for kernels: fixed chunks of work, independent of the thread count, so that a seed
 * gives the same bits on 1 or N threads.
 */
package org.convlab.tensor.parallel;
