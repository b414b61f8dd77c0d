package org.convlab.tensor.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convlab.tensor.Tensor;

/**
 * A child process for {@link KilledSaveTest}: saves generation 1, 2, 3, ... of a model to one
 * path as fast as it can, printing "saved G" after each, until it is killed.
 */
public final class CrashSaver {
    /** Values of tensor "w" in generation {@code g}: {@code w[i] = g * 1e-3 + i}. */
    static Map<String, Tensor> generation(long g, int size) {
        float[] w = new float[size];
        for (int i = 0; i < size; i++) {
            w[i] = (float) (g * 1e-3 + i);
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("generation", Tensor.wrap(new float[] {g}, 1));
        t.put("w", Tensor.wrap(w, size));
        return t;
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long g = Long.parseLong(args[1]);
        int size = Integer.parseInt(args[2]);
        while (true) {
            g++;
            TensorFile.write(file, Map.of("generation", Long.toString(g)), generation(g, size));
            System.out.println("saved " + g);
            System.out.flush();
        }
    }
}
