package org.convlab.lab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.convlab.data.DataSet;
import org.convlab.lab.train.ModelKind;
import org.convlab.lab.train.ModelSpec;
import org.convlab.lab.train.TrainConfig;

/**
 * The training runs a lab command will ask for, known before it starts (so that progress can
 * show the whole), and a rough cost per run for weighing them against each other.
 */
public final class LabPlan {
    /** How much slower per multiply-add a convolution runs than a dense layer (measured: about 1.2). */
    static final double CONV_FACTOR = 1.2;
    /** How much slower per multiply-add a locally connected layer runs than a dense one (measured: about 6). */
    static final double LC_FACTOR = 6;

    private LabPlan() {
    }

    /** The runs of the experiment named {@code experiment} ({@code reproduce}: of all five), in order. */
    public static List<RunCache.Planned> runs(LabContext ctx, String experiment) {
        LabSettings s = ctx.settings();
        List<RunCache.Planned> p = new ArrayList<>();
        boolean all = experiment.equals("reproduce");
        DataSet main = ctx.mainData();
        if (all || experiment.equals(CnnVsMlp.NAME)) {
            add(p, ctx, main, CnnVsMlp.models(s));
        }
        if (all || experiment.equals(UntrainedFeatures.NAME)) {
            add(p, ctx, main, UntrainedFeatures.models(s));
        }
        if (all || experiment.equals(FrozenCnn.NAME)) {
            add(p, ctx, main, FrozenCnn.models(s));
        }
        if (all || experiment.equals(Sharing.NAME)) {
            DataSet d = ctx.subset(s.sharingTrain(), s.sharingTest());
            for (long seed : s.seeds().subList(0, Math.min(s.sharingSeeds(), s.seeds().size()))) {
                for (ModelSpec m : Sharing.models(s)) {
                    p.add(new RunCache.Planned(d, s.config(m, seed)));
                }
            }
        }
        return p;
    }

    private static void add(List<RunCache.Planned> p, LabContext ctx, DataSet d, List<ModelSpec> models) {
        for (ModelSpec m : models) {
            for (long seed : ctx.settings().seedsFor(m)) {
                p.add(new RunCache.Planned(d, ctx.settings().config(m, seed)));
            }
        }
    }

    /**
     * A run's rough cost in dense-equivalent multiply-adds: three per trained forward
     * multiply-add (forward, and the two products of backward), one per frozen one, over every
     * training image of every epoch, plus the forward passes of validation and test.
     */
    public static double cost(DataSet data, TrainConfig config) {
        ModelSpec m = config.model();
        int c = data.channels();
        long hw = (long) data.height() * data.width();
        int k = data.classes();
        double conv1 = (double) hw * m.channel1() * c * 25;
        double conv2 = (double) hw * m.channel2() * m.channel1() * 9;
        double fc = (double) hw * m.channel2() * k;
        double trained;
        double frozen;
        switch (m.kind()) {
            case CNN -> {
                trained = CONV_FACTOR * (conv1 + conv2) + fc;
                frozen = 0;
            }
            case FROZEN_CNN -> {
                trained = fc;
                frozen = CONV_FACTOR * (conv1 + conv2);
            }
            case LC -> {
                trained = LC_FACTOR * (conv1 + conv2) + fc;
                frozen = 0;
            }
            case FROZEN_CONV1 -> {
                trained = (double) hw * m.channel1() * k;
                frozen = CONV_FACTOR * conv1;
            }
            case LINEAR -> {
                trained = (double) hw * c * k;
                frozen = 0;
            }
            case MLP, FROZEN_MLP -> {
                double hidden = (double) hw * c * m.hidden() + (double) m.hidden() * m.hidden();
                trained = m.kind() == ModelKind.MLP ? hidden + (double) m.hidden() * k : (double) m.hidden() * k;
                frozen = m.kind() == ModelKind.MLP ? 0 : hidden;
            }
            default -> throw new IllegalStateException("no cost for " + m.kind());
        }
        double perImage = 3 * trained + frozen;
        double forward = trained + frozen;
        long trainImages = (long) data.train().size() * config.epochs();
        long batches = ((long) data.train().size() + config.batch() - 1) / config.batch() * config.epochs();
        long evals = config.evalEvery() > 0 ? batches / config.evalEvery() + config.epochs() : config.epochs();
        return perImage * trainImages + forward * ((double) data.validation().size() * evals + data.test().size());
    }
}
