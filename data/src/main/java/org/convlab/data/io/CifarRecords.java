package org.convlab.data.io;

import java.nio.file.Path;

/** The content of one CIFAR-10 batch file: {@code pixels} is (count, 3, 32, 32), {@code labels} (count). */
public record CifarRecords(Path file, int count, byte[] pixels, byte[] labels) {
}
