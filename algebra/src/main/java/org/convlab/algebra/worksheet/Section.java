package org.convlab.algebra.worksheet;

import java.util.List;

/**
 * One question and its answer.
 *
 * @param id       the question's label, e.g. {@code a}
 * @param question the question, in short
 * @param blocks   the answer
 */
public record Section(String id, String question, List<Block> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }

    /** The figures of this answer that differ from the worksheet. */
    public List<Block.Figure> discrepancies() {
        return blocks.stream().filter(b -> b instanceof Block.Figure f && f.verdict() == Verdict.DIFFERS)
                .map(b -> (Block.Figure) b).toList();
    }
}
