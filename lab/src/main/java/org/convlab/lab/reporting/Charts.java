package org.convlab.lab.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import org.convlab.data.image.ImageFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lab's charts, drawn by XChart in one house style (white, light grid, a colour-blind-safe
 * palette) and saved as PNG with {@link BitmapEncoder}.
 */
public final class Charts {
    /** Okabe and Ito's colour-blind-safe palette, then greys. */
    public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120),
        new Color(240, 228, 66)};
    private static final Color INK = new Color(40, 44, 52);
    private static final Color GRID = new Color(228, 231, 236);
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    /** Tick labels of linear axes: {@code 0.08}, {@code 0.1}, {@code 60}. */
    static final String LINEAR_TICKS = "0.##";

    private Charts() {
    }

    /**
     * A series of points.
     *
     * @param name   the legend entry
     * @param x      abscissae
     * @param y      ordinates
     * @param errors error bar half-lengths, or null
     */
    public record Series(String name, double[] x, double[] y, double[] errors) {
        /** A series without error bars. */
        public static Series of(String name, double[] x, double[] y) {
            return new Series(name, x, y, null);
        }
    }

    /** A line chart of {@code series} (markers on the points); {@code logY} for a logarithmic y axis. */
    public static XYChart lines(String title, String xTitle, String yTitle, List<Series> series, boolean logY) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setYAxisLogarithmic(logY);
        if (!logY) {
            // XChart's default pattern drops the leading zero (".08"); keep it and at most two decimals.
            c.getStyler().setYAxisDecimalPattern(LINEAR_TICKS);
        }
        c.getStyler().setMarkerSize(5);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        int i = 0;
        for (Series s : series) {
            XYSeries xs = s.errors() == null ? c.addSeries(s.name(), s.x(), s.y())
                    : c.addSeries(s.name(), s.x(), s.y(), s.errors());
            xs.setLineColor(PALETTE[i % PALETTE.length]);
            xs.setMarkerColor(PALETTE[i % PALETTE.length]);
            xs.setLineWidth(2.2f);
            xs.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
        return c;
    }

    /**
     * A scatter chart: one point per series, x on a logarithmic axis as asked; the legend below
     * the plot, as on the line charts, so the plot keeps the chart's full width.
     */
    public static XYChart scatter(String title, String xTitle, String yTitle, List<Series> series, boolean logX) {
        XYChart c = lines(title, xTitle, yTitle, series, false);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setMarkerSize(12);
        return c;
    }

    /**
     * A bar chart: one group per category, one bar per series (series values align with
     * {@code categories}).
     */
    public static CategoryChart bars(String title, String yTitle, List<String> categories, List<Series> series) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendVisible(series.size() > 1);
        c.getStyler().setAvailableSpaceFill(0.6);
        c.getStyler().setOverlapped(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        c.getStyler().setLabelsPosition(0.92);
        c.getStyler().setDecimalPattern("0.0");
        c.getStyler().setErrorBarsColor(INK);
        if (categories.size() > 4) {
            c.getStyler().setXAxisLabelRotation(20);
        }
        int i = 0;
        for (Series s : series) {
            var cs = s.errors() == null ? c.addSeries(s.name(), categories, toList(s.y()))
                    : c.addSeries(s.name(), categories, toList(s.y()), toList(s.errors()));
            cs.setFillColor(PALETTE[i % PALETTE.length]);
            i++;
        }
        return c;
    }

    /**
     * A strip chart: categories along x (series values at x = category index plus a small
     * offset, e.g. one dot per seed), the categories' names as the x tick labels.
     */
    public static XYChart strips(String title, String yTitle, List<String> categories, List<Series> series) {
        XYChart c = scatter(title, "", yTitle, series, false);
        c.getStyler().setMarkerSize(9);
        c.getStyler().setXAxisMin(-0.5);
        c.getStyler().setXAxisMax(categories.size() - 0.5);
        c.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-6 && i >= 0 && i < categories.size() ? categories.get((int) i) : "";
        });
        return c;
    }

    /** Saves {@code chart} as a PNG at {@code file}. */
    public static void save(Chart<?, ?> chart, Path file) {
        ImageFiles.png(BitmapEncoder.getBufferedImage(chart), file);
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(INK);
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(GRID);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
    }

    private static List<Double> toList(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
