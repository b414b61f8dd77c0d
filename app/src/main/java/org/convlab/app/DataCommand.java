package org.convlab.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convlab.core.BadParameterException;
import org.convlab.core.SafeFiles;
import org.convlab.data.DataExport;
import org.convlab.data.DataSet;
import org.convlab.data.ImageSet;
import org.convlab.data.Normalization;
import org.convlab.data.preview.SampleGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convlab data}: loads a data set, prints what it holds and draws sample images per class. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Load a data set and print what was loaded: where from, image shape, images per split and"
            + " class, normalisation; write a PNG of sample images per class."})
final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report/data",
            description = "Where the sample PNG goes; default ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "10",
            description = "Sample images per class in the PNG; default ${DEFAULT-VALUE}.")
    int perClass;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--export", paramLabel = "DIR",
            description = "Also write the data set to DIR as files: grey images as the four gzipped IDX files,"
                + " 3x32x32 colour images as CIFAR-10 binary batches (training files = train then validation).")
    Path export;

    @Override
    public Integer call() {
        if (perClass < 1 || perClass > SampleGrid.MAX_PER_CLASS) {
            throw new BadParameterException("--per-class", "1.." + SampleGrid.MAX_PER_CLASS + " samples per class",
                    perClass);
        }
        PathOptions.outputDirectory("--out", out);
        if (export != null) {
            PathOptions.outputDirectory("--export", export);
        }
        long start = System.nanoTime();
        DataSet d = data.load();
        double seconds = (System.nanoTime() - start) / 1e9;
        String variant = d.synthetic() && d.channels() == 3 ? "-rgb" : "";
        Path png = out.resolve(d.spec().kind().word() + variant + "-samples.png");
        // every target checked before the first is written: a bad one never leaves the others half-done
        List<Path> targets = new ArrayList<>(List.of(png));
        if (export != null) {
            targets.addAll(DataExport.files(d, export));
        }
        SafeFiles.checkTargets(targets.stream().filter(p -> Files.isDirectory(p.toAbsolutePath().getParent())).toList());
        SampleGrid.write(d.train(), d.name() + " — " + perClass + " training images per class", perClass, png);
        List<Path> exported = export == null ? List.of() : DataExport.write(d, export);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = toJson(d, seconds, png);
            if (export != null) {
                m.put("exported", exported.stream().map(Path::toString).toList());
            }
            w.println(Json.write(m));
        } else {
            printText(w, d, seconds, png);
            for (int i = 0; i < exported.size(); i++) {
                w.printf("%s%s%n", i == 0 ? "exported   " : "           ", exported.get(i));
            }
        }
        return 0;
    }

    private static void printText(PrintWriter w, DataSet d, double seconds, Path png) {
        w.printf("data       %s%n", d.name());
        w.printf("chosen     %s%n", d.origin());
        w.printf("spec       %s%n", d.spec());
        for (int i = 0; i < d.files().size(); i++) {
            w.printf("%s%s%n", i == 0 ? "files      " : "           ", d.files().get(i));
        }
        w.printf("images     %d x %d x %d (%s), %d classes%n", d.channels(), d.height(), d.width(),
                d.channels() == 1 ? "grey" : d.channels() == 3 ? "RGB" : d.channels() + " channels", d.classes());
        w.printf("splits     train %d, validation %d (the last of the training files), test %d%n", d.train().size(),
                d.validation().size(), d.test().size());
        w.printf("normalise  %s%n", d.normalization());
        w.printf("loaded in  %.2f s%n%n", seconds);

        int nameWidth = Math.max(5, d.classNames().stream().mapToInt(String::length).max().orElse(5) + 3);
        w.printf("%-" + nameWidth + "s %8s %8s %8s%n", "class", "train", "val", "test");
        int[] tr = d.train().classCounts();
        int[] va = d.validation().classCounts();
        int[] te = d.test().classCounts();
        for (int c = 0; c < d.classes(); c++) {
            w.printf("%-" + nameWidth + "s %8d %8d %8d%n", c + " " + d.classNames().get(c), tr[c], va[c], te[c]);
        }
        w.printf("%-" + nameWidth + "s %8d %8d %8d%n%n", "total", d.train().size(), d.validation().size(),
                d.test().size());
        w.printf("samples    %s%n", png);
    }

    private static Map<String, Object> toJson(DataSet d, double seconds, Path png) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("spec", d.spec().toString());
        m.put("origin", d.origin());
        m.put("synthetic", d.synthetic());
        m.put("files", d.files().stream().map(Path::toString).toList());
        m.put("shape", new int[] {d.channels(), d.height(), d.width()});
        m.put("classes", d.classNames());
        Map<String, Object> splits = new LinkedHashMap<>();
        splits.put("train", split(d.train()));
        splits.put("validation", split(d.validation()));
        splits.put("test", split(d.test()));
        m.put("splits", splits);
        Normalization n = d.normalization();
        Map<String, Object> norm = new LinkedHashMap<>();
        norm.put("mean", toList(n.mean()));
        norm.put("std", toList(n.std()));
        norm.put("origin", n.origin());
        m.put("normalization", norm);
        m.put("load_seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("samples_png", png.toString());
        return m;
    }

    private static Map<String, Object> split(ImageSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.size());
        m.put("per_class", s.classCounts());
        return m;
    }

    private static List<Double> toList(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float f : v) {
            out.add(Double.parseDouble(Float.toString(f)));
        }
        return out;
    }
}
