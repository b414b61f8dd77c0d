package org.convlab.data.io;

import java.nio.file.Path;

/**
 * The content of an IDX image file: {@code count} grey images of {@code rows x cols} bytes,
 * stored image after image, row-major ({@code pixels} is (count, rows, cols)).
 */
public record IdxImages(Path file, int count, int rows, int cols, byte[] pixels) {
}
