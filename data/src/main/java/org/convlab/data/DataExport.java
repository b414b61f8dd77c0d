package org.convlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;
import org.convlab.data.io.CifarReader;
import org.convlab.data.io.CifarWriter;
import org.convlab.data.io.IdxWriter;

/**
 * Writes a loaded data set back as files another tool (or convlab) can read: grey sets as the
 * four gzipped IDX files of the MNIST family, 3x32x32 sets as the CIFAR-10 binary batches
 * ({@code data_batch_1..5.bin}, {@code test_batch.bin}). The training files hold the training
 * split followed by the validation split, so loading the export with the same {@code --val}
 * gives the same three splits.
 */
public final class DataExport {
    private DataExport() {
    }

    /**
     * The files {@link #write} would write for {@code d} into {@code dir}.
     *
     * @throws BadParameterException for images neither format can hold
     */
    public static List<Path> files(DataSet d, Path dir) {
        if (d.channels() == 1) {
            return List.of(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"),
                    dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        }
        if (d.channels() == CifarReader.CHANNELS && d.height() == CifarReader.SIDE && d.width() == CifarReader.SIDE) {
            List<Path> files = new ArrayList<>();
            for (int b = 1; b <= 5; b++) {
                files.add(dir.resolve("data_batch_" + b + ".bin"));
            }
            files.add(dir.resolve("test_batch.bin"));
            return files;
        }
        throw new BadParameterException("dataSet", "grey images (IDX files) or 3x32x32 colour images (CIFAR-10 files)",
                d.channels() + "x" + d.height() + "x" + d.width());
    }

    /**
     * Writes {@code dataSet} to {@code dir} (created if needed) and returns the files written. Every
     * target is checked ({@link SafeFiles#checkTarget}) before the first is written.
     */
    public static List<Path> write(DataSet dataSet, Path dir) {
        List<Path> targets = files(dataSet, dir);
        SafeFiles.createFolders(dir);
        SafeFiles.checkTargets(targets);
        byte[][] train = concat(dataSet.train(), dataSet.validation());
        byte[][] test = concat(dataSet.test());
        List<Path> files = new ArrayList<>();
        if (dataSet.channels() == 1) {
            int n = train[1].length;
            files.add(dir.resolve("train-images-idx3-ubyte.gz"));
            IdxWriter.writeImages(files.get(0), n, dataSet.height(), dataSet.width(), train[0], true);
            files.add(dir.resolve("train-labels-idx1-ubyte.gz"));
            IdxWriter.writeLabels(files.get(1), train[1], true);
            files.add(dir.resolve("t10k-images-idx3-ubyte.gz"));
            IdxWriter.writeImages(files.get(2), test[1].length, dataSet.height(), dataSet.width(), test[0], true);
            files.add(dir.resolve("t10k-labels-idx1-ubyte.gz"));
            IdxWriter.writeLabels(files.get(3), test[1], true);
            return files;
        }
        if (dataSet.channels() == CifarReader.CHANNELS && dataSet.height() == CifarReader.SIDE
                && dataSet.width() == CifarReader.SIDE) {
            int n = train[1].length;
            int done = 0;
            for (int b = 1; b <= 5; b++) {
                int count = n / 5 + (b <= n % 5 ? 1 : 0);
                byte[] px = new byte[count * CifarReader.PIXELS];
                byte[] lb = new byte[count];
                System.arraycopy(train[0], done * CifarReader.PIXELS, px, 0, px.length);
                System.arraycopy(train[1], done, lb, 0, count);
                Path f = dir.resolve("data_batch_" + b + ".bin");
                CifarWriter.write(f, px, lb);
                files.add(f);
                done += count;
            }
            Path t = dir.resolve("test_batch.bin");
            CifarWriter.write(t, test[0], test[1]);
            files.add(t);
            return files;
        }
        throw new BadParameterException("dataSet", "grey images (IDX files) or 3x32x32 colour images (CIFAR-10 files)",
                dataSet.channels() + "x" + dataSet.height() + "x" + dataSet.width());
    }

    /** The pixels and labels of the sets, one after the other. */
    private static byte[][] concat(ImageSet... sets) {
        int n = 0;
        for (ImageSet s : sets) {
            n += s.size();
        }
        int size = sets[0].imageSize();
        byte[] pixels = new byte[n * size];
        byte[] labels = new byte[n];
        int at = 0;
        for (ImageSet s : sets) {
            for (int i = 0; i < s.size(); i++, at++) {
                s.copyImage(i, pixels, at * size);
                labels[at] = (byte) s.label(i);
            }
        }
        return new byte[][] {pixels, labels};
    }
}
