package org.convlab.app.web;

import java.util.List;

/**
 * Where the equivariance page takes its 28x28 grey images from: a data set's test split, with a
 * few named examples (the first image of each class).
 */
public interface ImageSource {
    /** The side of every image. */
    int SIDE = 28;

    /** A named example: a class name and the index of an image of it. */
    record Example(String name, int index) {
    }

    /** One line for the page, e.g. {@code "Fashion-MNIST, test split (10,000 images)"}. */
    String description();

    /** Number of images. */
    int size();

    /** The class name of image {@code i}. */
    String label(int i);

    /** Image {@code i}, row-major 28 x 28, pixel values in [0, 1] (PyTorch's {@code ToTensor()}). */
    float[] image(int i);

    /** A few named examples to choose from. */
    List<Example> examples();
}
