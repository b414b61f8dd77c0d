package org.convlab.data.synthetic;

import java.util.Locale;
import org.convlab.core.BadParameterException;
import org.convlab.core.StrictNumbers;

/**
 * What the synthetic data set looks like: {@code channels} (1 grey or 3 RGB), square images of
 * {@code size} pixels, {@code train} images in the training files (validation included) and
 * {@code test} in the test files, generated from {@code seed}.
 *
 * <p>Written in a {@code --data} spec as {@code synthetic[:OPTION,OPTION...]} with options
 * {@code grey} (default, 28x28) or {@code rgb} (32x32), {@code size=N} (12..256),
 * {@code train=N}, {@code test=N} and {@code seed=N}; e.g. {@code synthetic:rgb,train=5000,seed=3}.
 */
public record SyntheticOptions(int channels, int size, int train, int test, long seed) {
    /** Training-file images by default: 20,000 for training plus the default 1,000 for validation. */
    public static final int DEFAULT_TRAIN = 21_000;
    /** Test-file images by default. */
    public static final int DEFAULT_TEST = 4_000;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;
    /** Smallest image side the glyphs are legible at. */
    public static final int MIN_SIZE = 12;
    /** Largest image side. */
    public static final int MAX_SIZE = 256;
    /** Most images per split (keeps the bytes of a split within a Java array and memory). */
    public static final int MAX_IMAGES = 1_000_000;

    private static final String OPTIONS = "grey, rgb, size=N, train=N, test=N or seed=N";

    public SyntheticOptions {
        if (channels != 1 && channels != 3) {
            throw new BadParameterException("channels", "synthetic images with 1 (grey) or 3 (rgb) channels", channels);
        }
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new BadParameterException("size", "synthetic size=N with N in " + MIN_SIZE + ".." + MAX_SIZE, size);
        }
        if (train < 1 || train > MAX_IMAGES) {
            throw new BadParameterException("train", "synthetic train=N with N in 1.." + MAX_IMAGES, train);
        }
        if (test < 1 || test > MAX_IMAGES) {
            throw new BadParameterException("test", "synthetic test=N with N in 1.." + MAX_IMAGES, test);
        }
        if ((long) Math.max(train, test) * channels * size * size > Integer.MAX_VALUE - 8L) {
            throw new BadParameterException("size", "synthetic images whose bytes fit 2 GB per split",
                    Math.max(train, test) + " images of " + channels + "x" + size + "x" + size);
        }
    }

    /** The defaults: grey 28x28, 21,000 + 4,000 images, seed 1. */
    public static SyntheticOptions defaults() {
        return new SyntheticOptions(1, 28, DEFAULT_TRAIN, DEFAULT_TEST, DEFAULT_SEED);
    }

    /**
     * Parses the text after {@code synthetic:}, e.g. {@code "rgb,train=5000,seed=3"}; empty or
     * null gives the defaults. Errors name {@code dataSpec}: the text is part of a data spec.
     */
    public static SyntheticOptions parse(String options) {
        int channels = 1;
        Integer size = null;
        int train = DEFAULT_TRAIN;
        int test = DEFAULT_TEST;
        long seed = DEFAULT_SEED;
        if (options != null && !options.isBlank()) {
            java.util.Map<String, String> seen = new java.util.HashMap<>();
            for (String raw : options.split(",", -1)) {
                String opt = raw.trim().toLowerCase(Locale.ROOT);
                int eq = opt.indexOf('=');
                String key = eq < 0 ? opt : opt.substring(0, eq).trim();
                String value = eq < 0 ? null : opt.substring(eq + 1).trim();
                // grey and rgb set the same thing; a key given twice would silently drop one value
                String slot = switch (key) {
                    case "grey", "gray", "rgb", "color", "colour" -> "colour";
                    default -> key;
                };
                String earlier = seen.putIfAbsent(slot, raw.trim());
                if (earlier != null) {
                    throw new BadParameterException("dataSpec", "synthetic options that do not conflict: '" + earlier
                            + "' and '" + raw.trim() + "' both set the " + (slot.equals("colour") ? "colour" : slot)
                            + "; give it once");
                }
                switch (key) {
                    case "grey", "gray" -> channels = 1;
                    case "rgb", "color", "colour" -> channels = 3;
                    case "size" -> size = number(key, value);
                    case "train" -> train = number(key, value);
                    case "test" -> test = number(key, value);
                    case "seed" -> seed = longNumber(key, value);
                    default -> throw new BadParameterException("dataSpec", "synthetic options " + OPTIONS, raw);
                }
                if (eq < 0 != (key.equals("grey") || key.equals("gray") || key.equals("rgb")
                        || key.equals("color") || key.equals("colour"))) {
                    throw new BadParameterException("dataSpec", "synthetic options " + OPTIONS, raw);
                }
            }
        }
        try {
            return new SyntheticOptions(channels, size != null ? size : channels == 3 ? 32 : 28, train, test, seed);
        } catch (BadParameterException e) {
            throw new BadParameterException("dataSpec", e.problem());
        }
    }

    private static int number(String key, String value) {
        long v = longNumber(key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadParameterException("dataSpec", "synthetic " + key + "=N with a 32-bit N", value);
        }
        return (int) v;
    }

    private static long longNumber(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadParameterException("dataSpec", "synthetic " + key + "=N", key);
        }
        try {
            return StrictNumbers.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadParameterException("dataSpec", "synthetic " + key + "=N with an integer N", value);
        }
    }

    /** The canonical spec text, e.g. {@code synthetic:grey,size=28,train=21000,test=4000,seed=1}. */
    public String spec() {
        return "synthetic:" + (channels == 3 ? "rgb" : "grey") + ",size=" + size + ",train=" + train + ",test=" + test
                + ",seed=" + seed;
    }
}
