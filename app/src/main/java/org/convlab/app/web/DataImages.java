package org.convlab.app.web;

import java.util.ArrayList;
import java.util.List;
import org.convlab.algebra.NumberText;
import org.convlab.data.DataSet;
import org.convlab.data.ImageSet;

/**
 * The test split of a loaded data set as the equivariance page's images: pixels divided by 255
 * (PyTorch's {@code ToTensor()}, no normalisation), colour images averaged to grey, and images
 * that are not 28 x 28 centred on a 28 x 28 frame (cropped when larger, zero-padded when smaller).
 * The named examples are the first test image of each class.
 */
public final class DataImages implements ImageSource {
    private final String description;
    private final ImageSet images;
    private final List<String> classNames;

    /** The test split of {@code data}. */
    public DataImages(DataSet data) {
        this.images = data.test();
        this.classNames = data.classNames();
        String shape = images.channels() + "x" + images.height() + "x" + images.width();
        String adapted = images.channels() == 1 && images.height() == SIDE && images.width() == SIDE ? ""
                : ", shown as 28x28 grey";
        this.description = data.name() + ", test split (" + NumberText.grouped(images.size()) + " images of "
                + shape + adapted + "; " + data.origin() + ")";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public String label(int i) {
        int label = images.label(i);
        return label < classNames.size() ? classNames.get(label) : Integer.toString(label);
    }

    @Override
    public float[] image(int i) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        int top = (h - SIDE) / 2;
        int left = (w - SIDE) / 2;
        float[] out = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            int sy = y + top;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < SIDE; x++) {
                int sx = x + left;
                if (sx < 0 || sx >= w) {
                    continue;
                }
                int sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    sum += images.pixel(i, ch, sy, sx);
                }
                out[y * SIDE + x] = sum / (255f * c);
            }
        }
        return out;
    }

    @Override
    public List<Example> examples() {
        List<Example> list = new ArrayList<>();
        for (int label = 0; label < images.classes(); label++) {
            int index = images.indexOfClass(label, 0);
            if (index >= 0) {
                list.add(new Example(label < classNames.size() ? classNames.get(label) : Integer.toString(label), index));
            }
        }
        return list;
    }
}
