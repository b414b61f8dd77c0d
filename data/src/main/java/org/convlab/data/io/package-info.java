/**
 * Binary readers and writers for the image data formats convlab accepts: IDX (MNIST,
 * Fashion-MNIST, KMNIST; raw or gzip) and the CIFAR-10 binary version.
 *
 * <p>The readers are a security boundary: they check magic numbers, sizes (exact products),
 * lengths and label ranges before allocating, never trust a header for more memory than the
 * file can hold, and report every fault as a {@link org.convlab.core.BadFileException} that
 * names the file, the byte offset, what was expected and what was found.
 */
package org.convlab.data.io;
