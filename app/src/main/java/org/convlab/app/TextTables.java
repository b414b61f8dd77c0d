package org.convlab.app;

import java.io.PrintWriter;
import java.util.List;
import org.convlab.lab.reporting.Table;

/** Prints a lab {@link Table} as aligned text columns. */
final class TextTables {
    private TextTables() {
    }

    static void print(PrintWriter out, Table t) {
        int n = t.header().size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = t.header().get(i).length();
            for (List<String> r : t.rows()) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        out.println(t.title());
        row(out, t.header(), w);
        for (List<String> r : t.rows()) {
            row(out, r, w);
        }
    }

    private static void row(PrintWriter out, List<String> cells, int[] w) {
        StringBuilder s = new StringBuilder(" ");
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            s.append(' ');
            if (i == 0) {
                s.append(c).append(" ".repeat(w[i] - c.length()));
            } else {
                s.append(" ".repeat(w[i] - c.length())).append(c);
            }
            s.append(' ');
        }
        out.println(s.toString().stripTrailing());
    }
}
