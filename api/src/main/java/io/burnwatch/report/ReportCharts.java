package io.burnwatch.report;

import io.burnwatch.core.report.ReportPeriod;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's charts, drawn with JFreeChart to PNG (no display needed): per SLO its SLI per day
 * against the objective, and for SLOs that keep latencies the P95 per day against the SLI's
 * threshold. Mail clients show them as inline images; a saved report embeds them.
 */
public final class ReportCharts {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    static final Color GOOD = new Color(0x1a7f37);
    static final Color BAD = new Color(0xcf222e);
    static final Color LINE = new Color(0x0969da);
    static final Color GRID = new Color(0xd0d7de);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {
    }

    /**
     * Every chart of the report, by content id ({@code sli-0}, {@code p95-0}, … for the report's
     * SLOs in order).
     *
     * @throws ChartsUnavailable when Java cannot draw here (no fonts installed)
     */
    public static Map<String, byte[]> all(WeeklyReport report) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            for (int i = 0; i < report.slos().size(); i++) {
                WeeklyReport.SloReport slo = report.slos().get(i);
                out.put(sliId(i), dailySli(report.week(), slo));
                int index = i;
                dailyP95(report.week(), slo).ifPresent(png -> out.put(p95Id(index), png));
            }
        } catch (Error | RuntimeException e) {
            if (e instanceof UncheckedIOException) {
                throw e;
            }
            throw new ChartsUnavailable(e);
        }
        return out;
    }

    public static String sliId(int slo) {
        return "sli-" + slo;
    }

    public static String p95Id(int slo) {
        return "p95-" + slo;
    }

    /** The SLI of each day in percent, bars red below the objective, the objective a dashed line. */
    static byte[] dailySli(ReportPeriod week, WeeklyReport.SloReport slo) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double objective = slo.slo().objective().ratio() * 100;
        double lowest = objective;
        for (WeeklyReport.Day d : slo.days()) {
            Optional<Double> sli = d.sli(slo.slo(), week);
            data.addValue(sli.map(v -> v * 100).orElse(null), "SLI", label(d));
            if (sli.isPresent()) {
                lowest = Math.min(lowest, sli.get() * 100);
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("SLI per day; dashed: the objective, "
                + io.burnwatch.core.model.Percentages.format(objective) + " %", null, "SLI %", data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        double below = objective - lowest;
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        // bars start below the lowest day, so a day just under the objective is visible, not a full-height bar
        double floor = Math.max(0, lowest - Math.max(below * 0.25, (100 - objective) * 0.5));
        axis.setRange(floor, 100 + (100 - floor) * 0.02);
        axis.setAutoRangeIncludesZero(false);
        BarRenderer bars = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                Number v = data.getValue(row, column);
                return v != null && !slo.slo().objective().isMetBy(v.doubleValue() / 100) ? BAD : GOOD;
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setMaximumBarWidth(0.09);
        plot.setRenderer(bars);
        plot.addRangeMarker(marker(objective));
        return png(chart);
    }

    /** The P95 of each day in ms, with the SLI's threshold; empty when the SLO keeps no latencies. */
    static Optional<byte[]> dailyP95(ReportPeriod week, WeeklyReport.SloReport slo) {
        boolean any = slo.days().stream().anyMatch(d -> d.tally().isPresent() && d.tally().get().p95Micros() >= 0);
        if (!any) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (WeeklyReport.Day d : slo.days()) {
            Double ms = d.tally().filter(t -> t.p95Micros() >= 0).map(t -> t.p95Micros() / 1000.0).orElse(null);
            data.addValue(ms, "P95", label(d));
        }
        Optional<Double> threshold = slo.slo().sli().latencyThreshold().map(t -> t.toNanos() / 1e6);
        JFreeChart chart = ChartFactory.createLineChart("P95 latency per day" + threshold.map(ms -> "; dashed: the SLI's threshold, "
                + io.burnwatch.core.model.Percentages.format(ms) + " ms").orElse(""), null, "P95 ms", data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart);
        LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, LINE);
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        plot.setRenderer(line);
        double highest = 0;
        for (int c = 0; c < data.getColumnCount(); c++) {
            Number v = data.getValue(0, c);
            highest = v == null ? highest : Math.max(highest, v.doubleValue());
        }
        threshold.ifPresent(ms -> plot.addRangeMarker(marker(ms)));
        // the threshold stays in view: a marker alone does not widen the axis
        ((NumberAxis) plot.getRangeAxis()).setRange(0, Math.max(highest, threshold.orElse(0.0)) * 1.15 + 1e-9);
        return Optional.of(png(chart));
    }

    private static String label(WeeklyReport.Day d) {
        return d.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + d.date().getDayOfMonth();
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getTitle().setPaint(new Color(0x57606a));
            chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        plot.getDomainAxis().setTickLabelFont(font);
        plot.getRangeAxis().setTickLabelFont(font);
        plot.getRangeAxis().setLabelFont(font);
        return plot;
    }

    private static ValueMarker marker(double value) {
        return new ValueMarker(value, new Color(0x57606a), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Java could not draw (typically no fonts: {@code apt-get install fonts-dejavu-core}). */
    public static final class ChartsUnavailable extends RuntimeException {
        ChartsUnavailable(Throwable cause) {
            super("charts could not be drawn (" + cause + "); on Debian install fonts-dejavu-core", cause);
        }
    }
}
