package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadParameterException;
import org.convlab.data.DataSet;
import org.convlab.nn.checkpoint.Checkpoints;
import org.convlab.lab.progress.Progress;
import org.convlab.lab.reporting.LabJson;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.OptimizerKind;
import org.convlab.lab.train.RunCheckpoint;
import org.convlab.lab.train.TrainConfig;
import org.convlab.lab.train.TrainResult;
import org.convlab.lab.train.Trainer;
import org.convlab.lab.train.TrainingListener;
import org.convlab.tensor.parallel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convlab train}: trains one network with the notebook's protocol (every value a flag),
 * shows progress on standard error, prints validation accuracy per epoch and test accuracy.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network: epochs of shuffled batches, cross-entropy, SGD/momentum/Adam;"
            + " validation accuracy every --eval-every iterations and per epoch, test accuracy at the end.",
            "Defaults are the notebook's protocol: plain SGD, lr 3e-3, batch 64, 2 epochs, seed 7."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "cnn",
            description = "cnn (ThreeLayerConvNet), mlp (ThreeLayerMLP), lc (locally connected), frozen-cnn"
                + " (random frozen convolutions, classifier trained), linear, frozen-conv1, frozen-mlp;"
                + " default ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2", description = "Epochs; default ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "3e-3", description = "Learning rate; default ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Batch size; default ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd, momentum or adam; default ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "X", defaultValue = "0.9",
            description = "Momentum of --optimizer momentum; default ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
            description = "Seeds the initial weights and the batch order; default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: one per core.")
    Integer threads;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "100",
            description = "Hidden units of the MLP's two hidden layers; default ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--channels", paramLabel = "C1,C2", split = ",", defaultValue = "32,16",
            description = "Filters of the two convolutions (cnn, lc, frozen-cnn); default ${DEFAULT-VALUE}.")
    int[] channels;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "100",
            description = "Validation accuracy every N iterations (0: per epoch only); default ${DEFAULT-VALUE}.")
    int evalEvery;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Write a checkpoint after every epoch (atomically; the previous one is kept as FILE.bak).")
    Path save;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE with its next epoch (same options; --epochs may grow).")
    Path resume;

    @Option(names = "--init-from", paramLabel = "FILE",
            description = "Start a new run from the model and weights of the checkpoint FILE (saved by train or"
                + " an import; the optimiser starts afresh). --resume continues a run instead.")
    Path initFrom;

    @Option(names = "--json", description = "Print one JSON object on standard output (progress stays on standard error).")
    boolean json;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    @Override
    public Integer call() {
        TrainConfig config = config();
        data.loadOptions();
        try (ThreadOption t = ThreadOption.apply(threads)) {
            DataSet d = data.load();
            config.model().requireMemory(d.channels(), d.height(), d.width(), d.classes()); // before anything is printed
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            // Every refusal (a checkpoint of other data, a model that does not fit it) before any output.
            Trainer trainer = new Trainer(d, config).save(save).resume(resume).initFrom(initFrom).prepare();
            ModelSpec m = config.model();
            if (!json) {
                out.printf("data       %s%n", org.convlab.lab.experiments.LabReport.dataSummary(d));
                out.printf("protocol   %s; %d thread%s%n", config.protocol(), Parallel.threads(),
                        Parallel.threads() == 1 ? "" : "s");
                if (resume != null) {
                    out.printf("resuming   %s%n", resume);
                }
                if (initFrom != null) {
                    out.printf("init from  %s%n", initFrom);
                }
                out.flush();
            }
            TrainingListener progress = Progress.create(err, Progress.terminal(), quiet);
            TrainingListener epochsOut = json ? TrainingListener.NONE : new TrainingListener() {
                @Override
                public void epochEnded(TrainResult.EpochResult r, int total) {
                    out.printf("epoch %d/%d  val accuracy %s  (train loss %.4f, train accuracy %s, %.1f s)%n",
                            r.epoch(), total, pct(r.valAccuracy()), r.trainLoss(), pct(r.trainAccuracy()),
                            r.seconds());
                    out.flush();
                }
            };
            TrainResult r = trainer.listener(TrainingListener.both(progress, epochsOut)).run();
            if (json) {
                out.println(LabJson.write(toJson(r, d, config)));
            } else {
                out.printf("model      %s: %,d parameters (%,d trained)%n", initFrom == null ? m : r.title(),
                        r.params(), r.trainableParams());
                out.printf("test accuracy  %s  (%d images)%n", pct(r.testAccuracy()), r.testImages());
                out.printf("time       %.1f s (training steps %.1f s, %.0f images/s)%n", r.seconds(),
                        r.trainSeconds(), r.imagesPerSecond());
                if (save != null) {
                    out.printf("saved      %s (after every epoch; the previous as %s.bak)%n", save,
                            save.getFileName());
                }
            }
            out.flush();
            return 0;
        }
    }

    private TrainConfig config() {
        if (channels.length != 2) {
            throw new BadParameterException("--channels", "two channel counts C1,C2",
                    java.util.Arrays.stream(channels).mapToObj(Integer::toString)
                            .collect(java.util.stream.Collectors.joining(",")));
        }
        ModelSpec m = new ModelSpec(ModelKind.parse(model), hidden, channels[0], channels[1]);
        NoEffectOptions.checkTrain(spec, m.kind(), OptimizerKind.parse(optimizer));
        TrainConfig config = new TrainConfig(m, epochs, lr, batch, OptimizerKind.parse(optimizer), momentum, seed,
                evalEvery);
        if (save != null) {
            PathOptions.outputFile("--save", save);
        }
        if (resume != null && initFrom != null) {
            throw new BadParameterException("--init-from", "--resume continues a run and --init-from starts one from"
                    + " a checkpoint's weights: give one of them");
        }
        if (resume != null) {
            // The whole checkpoint is read and checked against this run (epochs included) before any data is loaded.
            RunCheckpoint.check(PathOptions.inputFile("--resume", resume), config);
        }
        if (initFrom != null) {
            Checkpoints.read(PathOptions.inputFile("--init-from", initFrom));
        }
        return config;
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format("%.2f%%", 100 * fraction);
    }

    private static Map<String, Object> toJson(TrainResult r, DataSet d, TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("title", r.title());
        m.put("params", r.params());
        m.put("trainable_params", r.trainableParams());
        m.put("val_accuracy", r.valAccuracy());
        m.put("test_accuracy", r.testAccuracy());
        m.put("seconds", r.seconds());
        m.put("train_seconds", r.trainSeconds());
        m.put("images_per_second", r.imagesPerSecond());
        m.put("threads", r.threads());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("epochs", c.epochs());
        cfg.put("lr", c.lr());
        cfg.put("batch", c.batch());
        cfg.put("optimizer", c.optimizer().word());
        cfg.put("seed", c.seed());
        cfg.put("hidden", c.model().hidden());
        cfg.put("channels", List.of(c.model().channel1(), c.model().channel2()));
        cfg.put("eval_every", c.evalEvery());
        m.put("config", cfg);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", d.name());
        data.put("spec", d.spec().toString());
        data.put("synthetic", d.synthetic());
        data.put("train", d.train().size());
        data.put("validation", d.validation().size());
        data.put("test", d.test().size());
        m.put("data", data);
        m.put("curve", r.curve());
        m.put("epochs", r.epochs());
        return m;
    }
}
