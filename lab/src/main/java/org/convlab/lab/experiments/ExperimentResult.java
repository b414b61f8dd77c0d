package org.convlab.lab.experiments;

import org.convlab.lab.reporting.Figure;
import org.convlab.lab.reporting.Table;

import java.util.List;

/** What every experiment's result offers the report. */
public interface ExperimentResult {
    /** The command name, e.g. {@code cnn-vs-mlp}. */
    String name();

    /** A heading, e.g. {@code (a) CNN vs MLP}. */
    String title();

    /** The worksheet's question (or the study's), verbatim or paraphrased. */
    String question();

    /** The answer, with the measurements in it. */
    String answer();

    /** Findings in numbers, one sentence each. */
    List<String> findings();

    /** Figures written. */
    List<Figure> figures();

    /** Tables of numbers. */
    List<Table> tables();

    /** Wall time of the experiment in seconds (cached training runs count where first trained). */
    double seconds();
}
