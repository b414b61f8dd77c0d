package org.convlab.data.io;

import java.nio.file.Path;
import org.convlab.core.BadParameterException;

/** Writes CIFAR-10 binary batch files, the format {@link CifarReader} reads (for exports and tests). */
public final class CifarWriter {
    private CifarWriter() {
    }

    /** The bytes of a batch file: {@code pixels} is (count, 3, 32, 32), {@code labels} (count). */
    public static byte[] bytes(byte[] pixels, byte[] labels) {
        int n = labels.length;
        if ((long) n * CifarReader.PIXELS != pixels.length) {
            throw new BadParameterException("pixels", n + " x 3072 bytes", pixels.length);
        }
        byte[] out = new byte[n * CifarReader.RECORD];
        for (int r = 0; r < n; r++) {
            out[r * CifarReader.RECORD] = labels[r];
            System.arraycopy(pixels, r * CifarReader.PIXELS, out, r * CifarReader.RECORD + 1, CifarReader.PIXELS);
        }
        return out;
    }

    /** Writes a batch file. */
    public static void write(Path file, byte[] pixels, byte[] labels) {
        IdxWriter.write(file, bytes(pixels, labels), false);
    }
}
