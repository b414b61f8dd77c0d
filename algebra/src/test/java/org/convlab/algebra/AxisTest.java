package org.convlab.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AxisTest {
    /** The O(k) count of taps on the input equals counting window by window. */
    @Test
    void tapsInsideMatchesCountingEveryWindow() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int n = 1 + rnd.nextInt(15);
            int k = 1 + rnd.nextInt(5);
            int s = 1 + rnd.nextInt(4);
            int d = 1 + rnd.nextInt(3);
            int pb = rnd.nextInt(6);
            int pa = rnd.nextInt(6);
            if (Axis.span(k, d) > n + pb + pa) {
                continue;
            }
            Axis a = new Axis(n, k, s, d, pb, pa);
            for (int outputs = 0; outputs <= a.output(); outputs++) {
                long brute = 0;
                for (int o = 0; o < outputs; o++) {
                    for (int t = 0; t < k; t++) {
                        int at = a.inputIndex(o, t);
                        brute += at >= 0 && at < n ? 1 : 0;
                    }
                }
                assertThat(a.tapsInside(outputs)).as("%s, first %d windows", a, outputs).isEqualTo(brute);
            }
        }
    }
}
