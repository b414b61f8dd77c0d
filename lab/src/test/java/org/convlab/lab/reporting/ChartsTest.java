package org.convlab.lab.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Tick labels a reader sees on the lab's charts. */
class ChartsTest {
    private static final List<Charts.Series> ERRORS = List.of(Charts.Series.of("net", new double[] {0, 1, 2},
            new double[] {0, 0.16, 0}));

    private static String tick(XYChart c, double v) {
        return new DecimalFormat(c.getStyler().getYAxisDecimalPattern(), DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(v);
    }

    @Test
    void linearAxesKeepTheLeadingZeroOfSmallTicks() {
        XYChart c = Charts.lines("errors", "shift", "error", ERRORS, false);
        assertThat(tick(c, 0.08)).isEqualTo("0.08");
        assertThat(tick(c, 0.1)).isEqualTo("0.1");
        assertThat(tick(c, 0)).isEqualTo("0");
        assertThat(tick(c, 60)).isEqualTo("60");
    }

    @Test
    void theScatterKeepsTheFullWidthForThePlotWithItsLegendBelow() {
        XYChart c = Charts.scatter("accuracy", "parameters", "accuracy", ERRORS, true);
        assertThat(c.getStyler().getLegendPosition()).isEqualTo(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        assertThat(c.getStyler().isXAxisLogarithmic()).isTrue();
    }

    @Test
    void logarithmicAxesKeepXChartsDecadeLabels() {
        assertThat(Charts.lines("errors", "shift", "error", ERRORS, true).getStyler().getYAxisDecimalPattern()).isNull();
    }
}
