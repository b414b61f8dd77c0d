package org.convlab.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convlab.algebra.worksheet.Block;
import org.convlab.algebra.worksheet.Exercise;
import org.convlab.algebra.worksheet.Section;

/** The worksheet's answers and generated exercises as JSON-ready maps (each block tagged with its kind). */
final class WorksheetJson {
    private WorksheetJson() {
    }

    static List<Map<String, Object>> sections(List<Section> sections) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("question", s.question());
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (Block b : s.blocks()) {
                blocks.add(block(b));
            }
            m.put("answer", blocks);
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> exercises(List<Exercise> exercises) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Exercise e : exercises) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", e.number());
            m.put("setting", e.setting());
            m.put("questions", sections(e.sections()));
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> block(Block b) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (b instanceof Block.Prose p) {
            m.put("kind", "prose");
            m.put("text", p.text());
        } else if (b instanceof Block.Figure f) {
            m.put("kind", "figure");
            m.put("label", f.label());
            m.put("value", f.value());
            m.put("arithmetic", f.arithmetic());
            m.put("verdict", f.verdict().name().toLowerCase(Locale.ROOT));
            if (f.worksheet() != null) {
                m.put("worksheet", f.worksheet());
            }
            if (!f.note().isEmpty()) {
                m.put("note", f.note());
            }
            if (f.latex() != null) {
                m.put("latex", f.latex());
            }
        } else if (b instanceof Block.Matrix x) {
            m.put("kind", "matrix");
            m.put("caption", x.caption());
            m.put("rows", x.rows());
            m.put("cols", x.cols());
            m.put("lines", x.lines());
            m.put("latex", x.latex());
        }
        return m;
    }
}
