package org.convlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded data set: training, validation and test splits of uint8 images, their class names,
 * the normalisation to apply, and where it all came from.
 *
 * @param name          a person's name for it, e.g. {@code "Fashion-MNIST"} or {@code "synthetic glyphs"}
 * @param spec          the spec it was loaded from (for {@code auto}, the spec chosen)
 * @param origin        how it was chosen and from where, one sentence for reports, e.g.
 *                      {@code "auto: Fashion-MNIST installed at /usr/share/datasets/fashion-mnist"}
 * @param files         the files read (empty for synthetic data)
 * @param train         the training split: the training files minus the validation tail, maybe limited
 * @param validation    the last {@code --val} images of the training files (may be empty)
 * @param test          the test files' images, maybe limited
 * @param normalization per-channel mean and std (computed on {@code train} unless given)
 */
public record DataSet(String name, DataSpec spec, String origin, List<Path> files, ImageSet train,
                      ImageSet validation, ImageSet test, Normalization normalization) {
    public DataSet {
        files = List.copyOf(files);
    }

    /** Whether this is the generated data set rather than files. */
    public boolean synthetic() {
        return spec.kind() == DataSpec.Kind.SYNTHETIC;
    }

    /** Class names, index = label. */
    public List<String> classNames() {
        return train.classNames();
    }

    /** Number of classes. */
    public int classes() {
        return train.classes();
    }

    public int channels() {
        return train.channels();
    }

    public int height() {
        return train.height();
    }

    public int width() {
        return train.width();
    }

    /** Pixels per image, C x H x W: the input size of an MLP. */
    public int imageSize() {
        return train.imageSize();
    }

    /** One line for reports: {@code "Fashion-MNIST (auto: installed at ...): 59000 / 1000 / 10000 images of 1x28x28"}. */
    public String summary() {
        return name + " (" + origin + "): " + train.size() + " train / " + validation.size() + " validation / "
                + test.size() + " test images of " + channels() + "x" + height() + "x" + width();
    }
}
