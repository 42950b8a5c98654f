package io.k4s.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draw a horizontal bar chart as a stand-alone SVG document: a list of groups, each with its own
 * linear scale (from zero to its largest bar or target), so figures of different units and sizes
 * share one picture without hiding the small ones.
 *
 * <p>Pure function of its input; thread-safe.
 */
final class SvgBarChart {

    /**
     * One bar.
     *
     * @param label     what the bar is, for example {@code k4s}
     * @param value     its length, in the group's unit
     * @param valueText the text written after the bar
     */
    record Bar(String label, double value, String valueText) {}

    /**
     * One group of bars on a common scale.
     *
     * @param title      the group's heading, with its unit
     * @param bars       the bars, top to bottom
     * @param target     where to draw a dashed target line, or {@code null}
     * @param targetText the target's caption, or {@code null}
     */
    record Group(String title, List<Bar> bars, Double target, String targetText) {
        Group {
            bars = List.copyOf(bars);
        }

        static Group of(String title, List<Bar> bars) {
            return new Group(title, bars, null, null);
        }
    }

    private static final Map<String, String> COLORS = Map.of(
            "k4s", "#2b6cb0", "pekko", "#dd6b20", "jdk", "#718096");
    private static final List<String> PALETTE = List.of("#2b6cb0", "#38a169", "#805ad5", "#d69e2e", "#e53e3e");

    private static final int WIDTH = 780;
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_AREA = 400;
    private static final int BAR_HEIGHT = 18;
    private static final int BAR_GAP = 5;
    private static final int GROUP_TITLE = 24;
    private static final int GROUP_GAP = 16;

    private SvgBarChart() {
    }

    /** The SVG text of a chart titled {@code title}, with {@code subtitle} under it. */
    static String render(String title, String subtitle, List<Group> groups) {
        List<String> body = new ArrayList<>();
        int y = 58;
        for (Group g : groups) {
            body.add(text(12, y, g.title(), "font-weight:bold"));
            y += GROUP_TITLE - 10;
            double max = g.bars().stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(0);
            if (g.target() != null) {
                max = Math.max(max, g.target());
            }
            double scale = max > 0 ? BAR_AREA / max : 0;
            int top = y;
            for (int i = 0; i < g.bars().size(); i++) {
                Bar b = g.bars().get(i);
                double length = Double.isFinite(b.value()) ? Math.max(b.value() * scale, 1) : 0;
                body.add(text(LABEL_WIDTH - 8, y + 13, b.label(), "text-anchor:end"));
                body.add(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        LABEL_WIDTH, y, length, BAR_HEIGHT, color(b.label(), i)));
                body.add(text((int) (LABEL_WIDTH + length + 6), y + 13, b.valueText(), ""));
                y += BAR_HEIGHT + BAR_GAP;
            }
            if (g.target() != null && scale > 0) {
                double x = LABEL_WIDTH + g.target() * scale;
                body.add(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c53030\""
                                + " stroke-width=\"2\" stroke-dasharray=\"5,3\"/>",
                        x, top - 4, x, y - BAR_GAP + 4));
                if (g.targetText() != null) {
                    body.add(text((int) x + 4, top - 2, g.targetText(), "fill:#c53030;font-size:11px"));
                }
            }
            y += GROUP_GAP;
        }
        int height = y + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(text(12, 22, title, "font-size:16px;font-weight:bold")).append('\n');
        svg.append(text(12, 40, subtitle, "fill:#4a5568;font-size:11px")).append('\n');
        body.forEach(line -> svg.append(line).append('\n'));
        return svg.append("</svg>\n").toString();
    }

    private static String color(String label, int index) {
        return COLORS.getOrDefault(label.toLowerCase(Locale.ROOT), PALETTE.get(index % PALETTE.size()));
    }

    private static String text(int x, int y, String content, String style) {
        String styleAttribute = style.isEmpty() ? "" : " style=\"" + style + "\"";
        return "<text x=\"" + x + "\" y=\"" + y + "\"" + styleAttribute + ">" + escape(content) + "</text>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
