package org.convlab.app.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.convlab.core.ConvlabException;
import org.convlab.data.DataSets;
import org.convlab.data.DataSpec;
import org.convlab.data.LoadOptions;

/** Loads the equivariance page's images from a {@code --data} spec, through the data module. */
public final class ImageSources {
    private ImageSources() {
    }

    /**
     * Checks the spec's syntax and that its files are there (without reading them), so that a
     * typo or a wrong directory fails the command before the server starts.
     */
    public static DataSpec check(String spec) {
        DataSpec parsed = DataSpec.parse(spec);
        DataSets.check(parsed, LoadOptions.defaults());
        return parsed;
    }

    /** Loads the images into {@code target} on a background thread, so that the server answers at once. */
    public static void loadInBackground(DataSpec spec, CompletableFuture<ImageSource> target) {
        Thread t = new Thread(() -> {
            try {
                target.complete(load(spec));
            } catch (RuntimeException | OutOfMemoryError e) {
                target.completeExceptionally(e);
            }
        }, "convlab-web-images");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Loads the test split of {@code spec} now. The training files are read (and checked) too, but
     * only one training image is kept and no validation split is made.
     */
    public static ImageSource load(DataSpec spec) {
        return new DataImages(DataSets.load(spec, LoadOptions.defaults().withValidation(0).withTrainLimit(1)));
    }

    /** The one-line message of a loading failure. */
    public static String message(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof ConvlabException ? t.getMessage() : String.valueOf(t);
    }
}
