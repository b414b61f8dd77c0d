package org.convlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.convlab.app.web.ExplorerServer;
import org.convlab.app.web.ImageSource;
import org.convlab.app.web.ImageSources;
import org.convlab.app.web.Limits;
import org.convlab.app.web.SavedModels;
import org.convlab.core.BadFileException;
import org.convlab.data.DataSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab serve}: the web explorer on 127.0.0.1. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the web explorer on 127.0.0.1 (this machine only) and prints its URL.",
            "Pages: the convolution explorer (output size, formula, matrix K, elements, counts), the "
                + "notebook's equivariance slider (input, CNN and MLP outputs computed by the engine) and the "
                + "latest report of ./convlab reproduce. Stop it with Ctrl-C."},
        footer = {"%nExamples:",
            "  ./convlab serve",
            "  ./convlab serve --port 0            (a free port)",
            "  ./convlab serve --data synthetic    (the generated glyphs instead of Fashion-MNIST)",
            "  ./convlab serve --model cnn.ckpt    (a saved model on the equivariance page)"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8182",
            description = "Port on 127.0.0.1; 0 picks a free one. Default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "auto",
            description = "Images of the equivariance page: auto (Fashion-MNIST if installed, else synthetic), "
                + "or any --data spec of the other commands. Default ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "report",
            description = "The report directory shown on the reports page. Default ${DEFAULT-VALUE}.")
    Path reports;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A saved model (train --save, import, or reproduce's DIR/runs/*.ckpt) whose convolutional "
                + "feature maps the equivariance page shows beside the untrained networks'; repeat for more. The "
                + "checkpoints in the report directory's runs/ folder are offered too.")
    List<Path> models = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        // --port is checked by ExplorerServer.start, before anything is bound.
        PathOptions.optionalInputDirectory("--reports", reports);
        for (Path m : models) {
            checkModel(m);
        }
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean debug = spec.root().commandLine().getParseResult().expandedArgs().contains("--debug");
        DataSpec dataSpec = ImageSources.check(data);
        CompletableFuture<ImageSource> images = new CompletableFuture<>();
        ExplorerServer server = new ExplorerServer(images, reports, models, err, debug, spec.root().version()[0]);
        server.start(port);
        ImageSources.loadInBackground(dataSpec, images);
        server.warmUp();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "convlab-serve-stop"));
        out.println("convlab explorer: " + server.url());
        out.println("  convolution   " + server.url());
        out.println("  equivariance  " + server.url() + "equivariance.html");
        out.println("  reports       " + server.url() + "reports.html   (from " + reports + "/)");
        int saved = server.savedModels();
        out.println("  saved models  " + saved + " offered on the equivariance page" + (saved == 0 ? " (--model FILE, or "
                + reports + "/" + SavedModels.RUNS + "/*.ckpt from ./convlab reproduce)" : ""));
        out.println("listening on 127.0.0.1 only; stop with Ctrl-C");
        out.flush();
        images.whenComplete((source, failure) -> {
            synchronized (err) {
                if (failure != null) {
                    err.println("convlab serve: images: " + ImageSources.message(failure));
                } else {
                    out.println("images: " + source.description());
                    out.flush();
                }
                err.flush();
            }
        });
        stopped.await();
        return 0;
    }

    /** A --model file exists, is readable and within the explorer's size cap (its contents are read when chosen). */
    private static void checkModel(Path file) {
        PathOptions.inputFile("--model", file);
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new BadFileException(file, "cannot be read (given to --model): " + e.getMessage());
        }
        if (bytes > Limits.CHECKPOINT) {
            throw new BadFileException(file, "is " + bytes + " bytes; the explorer opens checkpoints of at most "
                    + Limits.CHECKPOINT + " bytes (given to --model)");
        }
    }
}
