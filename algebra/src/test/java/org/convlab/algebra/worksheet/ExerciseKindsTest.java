package org.convlab.algebra.worksheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.convlab.algebra.ConvGeometry;
import org.convlab.algebra.matrix.ConvMatrix;
import org.convlab.algebra.matrix.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part (i) of generated exercises: every kind appears, and on random numbers each answer equals a
 * count done by brute force over windows and taps (not by the algebra's formulas).
 */
class ExerciseKindsTest {

    private static String value(Section s, String label) {
        return s.blocks().stream().filter(b -> b instanceof Block.Figure f && f.label().equals(label))
                .map(b -> ((Block.Figure) b).value()).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + label + "' in " + s));
    }

    /** Outputs of a 1-D window sweep: starts 0, s, 2s, ... while the (dilated) window fits in n + padding. */
    private static int outputs(int n, int k, int s, int d, int padTotal) {
        int count = 0;
        for (int start = 0; start + d * (k - 1) < n + padTotal; start += s) {
            count++;
        }
        return count;
    }

    @Test
    void everyKindAppearsAsPartI() {
        Set<String> questions = new HashSet<>();
        for (Exercise e : ExerciseGenerator.generate(60, 5)) {
            Section i = e.sections().get(e.sections().size() - 1);
            assertThat(i.id()).isEqualTo("i");
            String q = i.question();
            questions.add(q.contains("Conv1d") ? "conv1d-channels" : q.contains("groups=") ? "groups"
                    : q.contains("dilation") ? "dilation" : q.contains("receptive field") ? "receptive-field"
                    : q.contains("locally connected") ? "locally-connected" : q.contains("no output read") ? "unread"
                    : q);
        }
        assertThat(questions).containsExactlyInAnyOrderElementsOf(ExerciseKinds.KINDS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void answersAgreeWithBruteForce(long seed) {
        Random rnd = new Random(seed);
        int c = 2 + rnd.nextInt(5);
        int len = 8 + rnd.nextInt(30);
        int k = 2 + rnd.nextInt(5);
        int f = 1 + rnd.nextInt(6);
        int s = 1 + rnd.nextInt(3);
        Section conv1d = ExerciseKinds.conv1d(c, len, k, f, s);
        assertThat(value(conv1d, "output shape")).isEqualTo(f + " x " + outputs(len, k, s, 1, 0));
        assertThat(value(conv1d, "weights")).isEqualTo(Integer.toString(f * c * k));

        int groups = 2 + rnd.nextInt(2);
        int ch = groups * (1 + rnd.nextInt(2));
        int filters = groups * (1 + rnd.nextInt(2));
        int size = 5 + rnd.nextInt(5);
        Section grouped = ExerciseKinds.groups(ch, filters, groups, size, 3);
        ConvMatrix km = ConvMatrix.shared(ConvGeometry.builder().inChannels(ch).outChannels(filters).groups(groups)
                .size(size, size).kernel(3).build());
        long blockRows = km.rows() / filters;
        long blockCols = km.cols() / ch;
        boolean[][] used = new boolean[filters][ch];
        for (long r = 0; r < km.rows(); r++) {
            for (Entry e : km.row(r)) {
                used[(int) (r / blockRows)][(int) (e.col() / blockCols)] = true;
            }
        }
        int zero = 0;
        for (boolean[] row : used) {
            for (boolean u : row) {
                zero += u ? 0 : 1;
            }
        }
        assertThat(value(grouped, "blocks of K")).isEqualTo(filters * ch + ", " + zero + " zero");
        assertThat(zero).isEqualTo(filters * ch - filters * ch / groups);

        int n = 10 + rnd.nextInt(10);
        int dk = 2 + rnd.nextInt(3);
        int d = 2 + rnd.nextInt(3);
        Section dilated = ExerciseKinds.dilation(n, dk, d);
        assertThat(value(dilated, "output size")).isEqualTo(Integer.toString(outputs(n, dk, 1, d, 0)));
        StringBuilder first = new StringBuilder("y1 = ");
        for (int t = 0; t < dk; t++) {
            first.append(t > 0 ? " + " : "").append('k').append(t + 1).append('x').append(1 + t * d);
        }
        assertThat(value(dilated, "first element")).isEqualTo(first.toString());

        int layers = 2 + rnd.nextInt(3);
        int[] ks = new int[layers];
        int[] ss = new int[layers];
        for (int l = 0; l < layers; l++) {
            ks[l] = 2 + rnd.nextInt(5);
            ss[l] = 1 + rnd.nextInt(2);
        }
        // the inputs output 0 and output 1 of the last layer depend on, followed down the stack
        TreeSet<Integer> seen0 = new TreeSet<>(List.of(0));
        TreeSet<Integer> seen1 = new TreeSet<>(List.of(1));
        for (int l = layers - 1; l >= 0; l--) {
            seen0 = below(seen0, ks[l], ss[l]);
            seen1 = below(seen1, ks[l], ss[l]);
        }
        Section rf = ExerciseKinds.receptiveField(ks, ss);
        assertThat(value(rf, "receptive field")).isEqualTo(Integer.toString(seen0.size()));
        assertThat(value(rf, "jump")).isEqualTo(Integer.toString(seen1.first() - seen0.first()));

        int ln = 6 + rnd.nextInt(10);
        int lk = 3 + 2 * rnd.nextInt(2);
        int lf = 1 + rnd.nextInt(3);
        int pad = (lk - 1) / 2;
        int all = 0;
        int real = 0;
        for (int o = 0; o < ln; o++) {
            for (int t = 0; t < lk; t++) {
                all += lf;
                int p = o - pad + t;
                real += p >= 0 && p < ln ? lf : 0;
            }
        }
        Section local = ExerciseKinds.locallyConnected(ln, lk, lf);
        assertThat(value(local, "weights, all windows x taps")).isEqualTo(Integer.toString(all));
        assertThat(value(local, "weights touching real inputs")).isEqualTo(Integer.toString(real));

        int us = 2 + rnd.nextInt(3);
        int uk = 2 + rnd.nextInt(3);
        int un = uk + us * 3 + 1 + rnd.nextInt(us - 1);
        boolean[] read = new boolean[un];
        for (int start = 0; start + uk <= un; start += us) {
            for (int t = 0; t < uk; t++) {
                read[start + t] = true;
            }
        }
        List<String> never = new ArrayList<>();
        for (int i = 0; i < un; i++) {
            if (!read[i]) {
                never.add("x" + (i + 1));
            }
        }
        assertThat(never).isNotEmpty();
        String shown = value(ExerciseKinds.unread(un, uk, us), "never read");
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < un; i++) {
            if (!read[i] && (i == 0 || read[i - 1])) {
                int end = i;
                while (end + 1 < un && !read[end + 1]) {
                    end++;
                }
                runs.add(end == i ? "x" + (i + 1) : "x" + (i + 1) + "..x" + (end + 1));
            }
        }
        assertThat(shown).isEqualTo(String.join(", ", runs));
    }

    /** The positions of the layer below that the positions {@code above} read through kernel k, stride s. */
    private static TreeSet<Integer> below(TreeSet<Integer> above, int k, int s) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int p : above) {
            for (int t = 0; t < k; t++) {
                out.add(p * s + t);
            }
        }
        return out;
    }
}
