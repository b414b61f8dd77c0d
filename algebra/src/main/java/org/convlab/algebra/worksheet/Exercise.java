package org.convlab.algebra.worksheet;

import java.util.List;

/**
 * One generated exercise: the setting and its questions (a) to (h), answered.
 *
 * @param number   1, 2, ...
 * @param setting  the data every question uses, in a sentence
 * @param sections the questions and their computed answers
 */
public record Exercise(int number, String setting, List<Section> sections) {
    public Exercise {
        sections = List.copyOf(sections);
    }
}
