package org.convlab.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convlab.core.BadFileException;

/**
 * What a model needs around it to be used on images: the shape of one input sample
 * {@code (C, H, W)}, the per-channel normalisation {@code x = (p / 255 - mean[c]) / std[c]} and the
 * class names, as a checkpoint's metadata or an ONNX file's {@code metadata_props} record them.
 *
 * <p>Keys (the same in both files): {@code input.shape} ({@code 1x28x28}), {@code input.mean} and
 * {@code input.std} (comma-separated, one per channel), {@code class_names} (a JSON array of
 * strings). A checkpoint written by {@code train} records the data instead: {@code data.shape},
 * {@code data.mean}, {@code data.std} ({@code [0.1307]}), {@code data.class_names}; those are read
 * when the {@code input.*} keys are absent.
 *
 * @param inputShape one sample, e.g. {@code (1, 28, 28)}, or null when not recorded
 * @param mean       per-channel means of pixels scaled to [0, 1] (identity: zeros)
 * @param std        per-channel standard deviations (identity: ones)
 * @param classNames names by class index, or empty when not recorded
 */
record ModelCard(int[] inputShape, float[] mean, float[] std, List<String> classNames) {

    /** The identity normalisation (pixels / 255) for {@code channels} channels and no class names. */
    static ModelCard identity(int[] inputShape) {
        int c = inputShape.length == 3 ? inputShape[0] : 1;
        float[] one = new float[c];
        Arrays.fill(one, 1f);
        return new ModelCard(inputShape, new float[c], one, List.of());
    }

    /** This card with {@code names} as its class names. */
    ModelCard withClassNames(List<String> names) {
        return new ModelCard(inputShape, mean, std, List.copyOf(names));
    }

    /** Whether the normalisation is the identity (mean 0, std 1 everywhere). */
    boolean identityNormalization() {
        for (int c = 0; c < mean.length; c++) {
            if (mean[c] != 0f || std[c] != 1f) {
                return false;
            }
        }
        return true;
    }

    /** The card recorded in {@code meta} (a checkpoint's or an ONNX file's); {@code file} names it in messages. */
    static ModelCard from(Map<String, String> meta, Path file) {
        String shape = first(meta, "input.shape", "data.shape");
        int[] sample = shape == null ? null : parseShape(file, shape);
        String mean = first(meta, "input.mean", "data.mean");
        String std = first(meta, "input.std", "data.std");
        String names = first(meta, "class_names", "data.class_names");
        ModelCard identity = sample == null ? null : identity(sample);
        float[] m = mean == null ? (identity == null ? new float[0] : identity.mean()) : parseFloats(file, "mean", mean);
        float[] s = std == null ? (identity == null ? new float[0] : identity.std()) : parseFloats(file, "std", std);
        if (m.length != s.length || sample != null && sample.length == 3 && m.length != sample[0]) {
            throw new BadFileException(file, "records a normalisation of " + m.length + " means and " + s.length
                    + " standard deviations for samples of shape " + shape);
        }
        for (int c = 0; c < s.length; c++) {
            if (!(s[c] > 0) || !Float.isFinite(s[c]) || !Float.isFinite(m[c])) {
                throw new BadFileException(file, "records an invalid normalisation: mean " + mean + ", std " + std);
            }
        }
        return new ModelCard(sample, m, s, names == null ? List.of() : parseNames(file, names));
    }

    /** The metadata entries of this card, for a checkpoint or an ONNX file. */
    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        if (inputShape != null) {
            StringBuilder s = new StringBuilder();
            for (int d : inputShape) {
                s.append(s.length() == 0 ? "" : "x").append(d);
            }
            m.put("input.shape", s.toString());
        }
        if (mean.length > 0) {
            m.put("input.mean", join(mean));
            m.put("input.std", join(std));
        }
        if (!classNames.isEmpty()) {
            m.put("class_names", Json.write(classNames).replaceAll("\\s*\n\\s*", ""));
        }
        return m;
    }

    /** The name of class {@code k}: its recorded name, else its index. */
    String className(int k) {
        return k < classNames.size() ? classNames.get(k) : Integer.toString(k);
    }

    private static String first(Map<String, String> meta, String key, String fallback) {
        String v = meta.get(key);
        return v != null ? v : meta.get(fallback);
    }

    private static int[] parseShape(Path file, String text) {
        String[] parts = text.split("x");
        int[] dims = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Integer.parseInt(parts[i].strip());
                if (dims[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "records an input shape that is not positive sizes like 1x28x28: '"
                    + text + "'");
        }
        return dims;
    }

    private static float[] parseFloats(Path file, String what, String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<Float> out = new ArrayList<>();
        try {
            for (String p : t.split(",")) {
                out.add(Float.parseFloat(p.strip()));
            }
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "records an input " + what + " that is not numbers: '" + text + "'");
        }
        float[] v = new float[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }

    private static List<String> parseNames(Path file, String text) {
        try {
            return List.copyOf(Json.mapper().readValue(text, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException | NullPointerException e) {
            throw new BadFileException(file, "records class names that are not a JSON array of strings");
        }
    }

    private static String join(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.toString();
    }
}
