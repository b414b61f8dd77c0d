package org.convlab.app.web;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.convlab.core.BadParameterException;
import org.convlab.core.ConvlabException;

/** Chooses and loads the equivariance page's images from a {@code --data} spec. */
public final class ImageSources {
    private ImageSources() {
    }

    /** Checks the spec's syntax now, so that a typo fails the command before the server starts. */
    public static void check(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("auto") && !s.startsWith("synthetic")) {
            throw new BadParameterException("--data", "auto or synthetic", spec);
        }
    }

    /** Loads the images on a background thread, so that the server answers at once. */
    public static CompletableFuture<ImageSource> loadInBackground(String spec) {
        return CompletableFuture.supplyAsync(() -> load(spec));
    }

    /** Loads the images now. */
    public static ImageSource load(String spec) {
        check(spec);
        return new SyntheticGlyphs();
    }

    /** The one-line message of a loading failure. */
    public static String message(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return t instanceof ConvlabException ? t.getMessage() : String.valueOf(t);
    }
}
