package org.convlab.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.convlab.core.BadParameterException;
import org.convlab.data.synthetic.SyntheticOptions;

/**
 * What a {@code --data SPEC} names: a kind of source and, for file sources, a directory.
 *
 * <pre>
 * auto                 Fashion-MNIST if installed (Debian's dataset-fashion-mnist), else synthetic (the default)
 * fashion-mnist        Fashion-MNIST from /usr/share/datasets/fashion-mnist
 * fashion-mnist:DIR    the four Fashion-MNIST IDX files in DIR
 * mnist:DIR            the four MNIST IDX files in DIR (classes 0..9)
 * kmnist:DIR           the four Kuzushiji-MNIST IDX files in DIR (classes o, ki, su, ...)
 * idx:DIR              any four IDX files in DIR (classes numbered, as many as the labels use)
 * cifar10:DIR          CIFAR-10 binary: data_batch_1..5.bin and test_batch.bin in DIR
 * synthetic[:OPTIONS]  generated glyphs; OPTIONS: grey|rgb, size=N, train=N, test=N, seed=N
 * </pre>
 *
 * IDX files are {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each optionally
 * {@code .gz}. A leading {@code ~/} in DIR means the home directory.
 */
public record DataSpec(Kind kind, Path dir, SyntheticOptions synthetic) {
    /** The accepted forms, for messages and help texts. */
    public static final String SYNTAX = "auto, fashion-mnist[:DIR], mnist:DIR, kmnist:DIR, idx:DIR, cifar10:DIR"
            + " or synthetic[:grey|rgb,size=N,train=N,test=N,seed=N]";

    /** The kinds of source. */
    public enum Kind {
        AUTO("auto"), FASHION_MNIST("fashion-mnist"), MNIST("mnist"), KMNIST("kmnist"), IDX("idx"),
        CIFAR10("cifar10"), SYNTHETIC("synthetic");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word used in specs, e.g. {@code fashion-mnist}. */
        public String word() {
            return word;
        }
    }

    /** The default spec, {@code auto}. */
    public static DataSpec auto() {
        return new DataSpec(Kind.AUTO, null, null);
    }

    /** The synthetic data set with these options. */
    public static DataSpec synthetic(SyntheticOptions options) {
        return new DataSpec(Kind.SYNTHETIC, null, options);
    }

    /**
     * Parses a spec (see the class comment); the kind is case-insensitive.
     *
     * @throws BadParameterException naming {@code dataSpec} when it is not a spec
     */
    public static DataSpec parse(String dataSpec) {
        if (dataSpec == null || dataSpec.isBlank()) {
            throw new BadParameterException("dataSpec", SYNTAX, dataSpec == null ? "nothing" : dataSpec);
        }
        String t = dataSpec.strip();
        int colon = t.indexOf(':');
        String word = (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? null : t.substring(colon + 1);
        Kind kind = switch (word) {
            case "auto" -> Kind.AUTO;
            case "fashion-mnist", "fashion_mnist", "fashionmnist" -> Kind.FASHION_MNIST;
            case "mnist" -> Kind.MNIST;
            case "kmnist" -> Kind.KMNIST;
            case "idx" -> Kind.IDX;
            case "cifar10", "cifar-10" -> Kind.CIFAR10;
            case "synthetic" -> Kind.SYNTHETIC;
            default -> throw new BadParameterException("dataSpec", SYNTAX, dataSpec);
        };
        switch (kind) {
            case AUTO -> {
                if (rest != null) {
                    throw new BadParameterException("dataSpec", "auto without options", dataSpec);
                }
                return auto();
            }
            case SYNTHETIC -> {
                return synthetic(SyntheticOptions.parse(rest));
            }
            case FASHION_MNIST -> {
                return new DataSpec(kind, rest == null ? null : directory(dataSpec, rest), null);
            }
            default -> {
                if (rest == null || rest.isBlank()) {
                    throw new BadParameterException("dataSpec", kind.word() + ":DIR, the directory with the "
                            + (kind == Kind.CIFAR10 ? "CIFAR-10 binary batch files" : "four IDX files"), dataSpec);
                }
                return new DataSpec(kind, directory(dataSpec, rest), null);
            }
        }
    }

    private static Path directory(String text, String rest) {
        String d = rest.strip();
        if (d.isEmpty()) {
            throw new BadParameterException("dataSpec", "a directory after the colon", text);
        }
        if (d.equals("~") || d.startsWith("~/")) {
            d = System.getProperty("user.home") + d.substring(1);
        }
        try {
            return Path.of(d);
        } catch (InvalidPathException e) {
            throw new BadParameterException("dataSpec", "a valid directory path", rest);
        }
    }

    /** The canonical text of this spec, e.g. {@code mnist:/data/mnist} or {@code synthetic:grey,size=28,...}. */
    @Override
    public String toString() {
        if (kind == Kind.SYNTHETIC) {
            return synthetic.spec();
        }
        return dir == null ? kind.word() : kind.word() + ":" + dir;
    }
}
