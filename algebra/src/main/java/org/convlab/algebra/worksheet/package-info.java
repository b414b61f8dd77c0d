/**
 * The worksheet of {@code shared/seed} answered by the algebra, and new exercises like it.
 *
 * <p>{@link org.convlab.algebra.worksheet.Worksheet} computes every figure of question 1
 * (a)-(h) and compares it with the printed answer ({@code PrintedAnswers}, kept as data only);
 * {@link org.convlab.algebra.worksheet.ExerciseGenerator} writes new exercises of the same kinds
 * for a seed. Answers are {@link org.convlab.algebra.worksheet.Section}s of
 * {@link org.convlab.algebra.worksheet.Block}s, rendered as text, Markdown or LaTeX.
 */
package org.convlab.algebra.worksheet;
