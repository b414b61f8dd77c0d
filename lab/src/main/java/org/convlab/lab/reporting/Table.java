package org.convlab.lab.reporting;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of an experiment's numbers, already formatted for people.
 *
 * @param title  what it lists
 * @param header column names
 * @param rows   rows of cells, as many as the header
 */
public record Table(String title, List<String> header, List<List<String>> rows) {
    public Table {
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, header " + header.size());
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }
}
