package org.convlab.algebra.worksheet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Matches a matrix as a worksheet prints it, with ellipses, against the computed one.
 *
 * <p>A printed row is a list of tokens in which {@code ...} stands for any number (zero or
 * more) of tokens; a printed line that is only {@code ...} stands for any number of rows. Rows
 * before that line are matched against the first computed rows, rows after it against the last.
 */
public final class RowPattern {
    private RowPattern() {
    }

    /** Whether the printed rows (with ellipses) describe the computed rows. */
    public static boolean matches(List<String> printed, List<String> computed) {
        int gap = printed.indexOf("...");
        List<String> head = gap < 0 ? printed : printed.subList(0, gap);
        List<String> tail = gap < 0 ? List.of() : printed.subList(gap + 1, printed.size());
        if (gap < 0 && printed.size() != computed.size() || head.size() + tail.size() > computed.size()) {
            return false;
        }
        for (int i = 0; i < head.size(); i++) {
            if (!rowMatches(head.get(i), computed.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < tail.size(); i++) {
            if (!rowMatches(tail.get(i), computed.get(computed.size() - tail.size() + i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether one printed row matches one computed row; tokens are separated by spaces. */
    public static boolean rowMatches(String printed, String computed) {
        return match(tokens(printed), 0, tokens(computed), 0);
    }

    private static List<String> tokens(String row) {
        return new ArrayList<>(Arrays.asList(row.trim().split("\\s+")));
    }

    private static boolean match(List<String> p, int i, List<String> c, int j) {
        if (i == p.size()) {
            return j == c.size();
        }
        if (p.get(i).equals("...")) {
            for (int skip = j; skip <= c.size(); skip++) {
                if (match(p, i + 1, c, skip)) {
                    return true;
                }
            }
            return false;
        }
        return j < c.size() && p.get(i).equals(c.get(j)) && match(p, i + 1, c, j + 1);
    }
}
