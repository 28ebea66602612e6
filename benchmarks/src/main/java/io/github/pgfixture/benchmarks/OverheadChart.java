package io.github.pgfixture.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of per-test overhead by scenario: one row per scenario, one bar per fixture (p50), a tick at
 * p90, for the W closest to 10 ms; a logarithmic axis, since the scenarios span three orders of magnitude.
 * Drawn with java.awt, headless.
 */
final class OverheadChart {

    private static final int WIDTH = 1000;
    private static final int LEFT = 210;
    private static final int RIGHT = 60;
    private static final int TOP = 70;
    private static final int ROW = 46;
    private static final Color[] COLORS = {new Color(0x3B6EA5), new Color(0xE08A2E), new Color(0x5A9E4B)};

    private OverheadChart() {
    }

    static void write(SuiteResults r, Path file) throws IOException {
        List<String> scenarios = r.scenarios();
        List<String> fixtures = r.fixtures();
        int w = r.works().stream().min((a, b) -> Integer.compare(Math.abs(a - 10), Math.abs(b - 10))).orElseThrow();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String s : scenarios) {
            for (String fx : fixtures) {
                Stats st = r.overhead(s, fx, w);
                lo = Math.min(lo, st.p50());
                hi = Math.max(hi, st.p90());
            }
        }
        double minLog = Math.floor(Math.log10(Math.max(lo, 0.01)));
        double maxLog = Math.ceil(Math.log10(hi));
        int height = TOP + scenarios.size() * ROW + 60;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("Per-test overhead, W = " + w + " ms: p50 (bar) / p90 (tick), ms, log scale", LEFT - 150, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i < fixtures.size(); i++) {
                g.setColor(COLORS[i % COLORS.length]);
                g.fillRect(LEFT + i * 160, 40, 14, 14);
                g.setColor(Color.BLACK);
                g.drawString(fixtures.get(i), LEFT + i * 160 + 20, 52);
            }
            int plotWidth = WIDTH - LEFT - RIGHT;
            int bottom = TOP + scenarios.size() * ROW;
            for (double e = minLog; e <= maxLog; e++) {
                int x = x(Math.pow(10, e), minLog, maxLog, plotWidth);
                g.setColor(new Color(0xDDDDDD));
                g.drawLine(x, TOP - 5, x, bottom);
                g.setColor(Color.DARK_GRAY);
                String label = e < 0 ? String.format(Locale.ROOT, "%.2f", Math.pow(10, e)) : String.format(Locale.ROOT, "%.0f", Math.pow(10, e));
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 18);
            }
            int barHeight = (ROW - 12) / fixtures.size();
            for (int s = 0; s < scenarios.size(); s++) {
                int y = TOP + s * ROW;
                g.setColor(Color.BLACK);
                g.drawString(scenarios.get(s), 10, y + ROW / 2);
                for (int i = 0; i < fixtures.size(); i++) {
                    Stats st = r.overhead(scenarios.get(s), fixtures.get(i), w);
                    int by = y + 4 + i * barHeight;
                    int x50 = x(st.p50(), minLog, maxLog, plotWidth);
                    g.setColor(COLORS[i % COLORS.length]);
                    g.fillRect(LEFT, by, Math.max(1, x50 - LEFT), barHeight - 3);
                    int x90 = x(st.p90(), minLog, maxLog, plotWidth);
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(2));
                    g.drawLine(x90, by, x90, by + barHeight - 3);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    g.drawString(String.format(Locale.ROOT, "%.1f / %.1f", st.p50(), st.p90()), Math.max(x50, x90) + 5,
                            by + barHeight - 5);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static int x(double value, double minLog, double maxLog, int plotWidth) {
        double v = Math.log10(Math.max(value, Math.pow(10, minLog)));
        return LEFT + (int) Math.round((v - minLog) / (maxLog - minLog) * plotWidth);
    }
}
