package io.k4s.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turn one benchmark run into the files kept in {@code docs/benchmarks/}: {@code results.json}
 * (everything, machine-readable), {@code results.md} (tables and targets),
 * {@code messaging.svg} and {@code control-plane.svg} (bar charts), and {@code jmh.json} (JMH's
 * own results without the raw per-sample histograms, which are most of its size).
 *
 * <pre>
 * java -cp k4s-bench.jar io.k4s.bench.report.BenchReport --jmh jmh.json
 *      [--control-plane control-plane.json] [--machine machine.txt] [--heading TEXT] --out DIR
 * </pre>
 *
 * <p>{@code machine.txt} holds {@code key: value} lines describing the machine. Exit status 2
 * on bad arguments, 1 when a file cannot be read or written.
 */
public final class BenchReport {

    private BenchReport() {
    }

    /** Run the report writer; see the class comment for the arguments. */
    public static void main(String[] args) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench report: " + e.getMessage());
            System.err.println("usage: BenchReport --jmh FILE [--control-plane FILE] [--machine FILE]"
                    + " [--heading TEXT] --out DIR");
            System.exit(2);
            return;
        }
        try {
            write(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench report: " + e);
            System.exit(1);
        }
    }

    static void write(Map<String, String> options) throws IOException {
        String jmhText = Files.readString(Path.of(options.get("--jmh")));
        JmhResults jmh = JmhResults.parse(jmhText);
        ControlPlane cp = ControlPlane.empty();
        String cpFile = options.get("--control-plane");
        if (cpFile != null && Files.exists(Path.of(cpFile))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(Path.of(cpFile)));
            cp = new ControlPlane(json);
        }
        Map<String, String> machine = new LinkedHashMap<>();
        String machineFile = options.get("--machine");
        if (machineFile != null && Files.exists(Path.of(machineFile))) {
            for (String line : Files.readAllLines(Path.of(machineFile))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    machine.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        }
        String heading = options.getOrDefault("--heading", "k4s benchmark results");
        List<Messaging.Line> lines = Messaging.lines(jmh);
        List<Target> targets = Target.evaluate(lines, cp);
        String java = machine.getOrDefault("java", "").replace("OpenJDK Runtime Environment ", "")
                .replaceAll(" \\(build [^)]*\\)", "");
        String subtitle = machine.getOrDefault("cpu", "") + " · " + machine.getOrDefault("nproc", "?")
                + " cores · " + java + " · " + machine.getOrDefault("date", "");

        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("jmh.json"), JmhResults.withoutRawData(jmhText), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.json"), Json.write(summary(heading, machine, lines, cp, targets)),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.md"), MarkdownReport.render(heading, machine, lines, cp, targets),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("messaging.svg"), Charts.messaging(lines, subtitle), StandardCharsets.UTF_8);
        if (!cp.isEmpty()) {
            Files.writeString(out.resolve("control-plane.svg"), Charts.controlPlane(cp, subtitle),
                    StandardCharsets.UTF_8);
        }
        System.out.println("bench report: wrote jmh.json, results.json, results.md, messaging.svg"
                + (cp.isEmpty() ? "" : ", control-plane.svg") + " to " + out);
        for (Target t : targets) {
            System.out.printf("  %-60s %-8s %14s  %s%n", t.what(), t.goal(), t.text(), t.status());
        }
    }

    private static Map<String, Object> summary(String heading, Map<String, String> machine,
                                               List<Messaging.Line> lines, ControlPlane cp, List<Target> targets) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("heading", heading);
        json.put("machine", machine);
        List<Object> messaging = new ArrayList<>();
        for (Messaging.Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", l.key());
            m.put("scenario", l.scenario());
            m.put("unit", l.unit());
            m.put("higherIsBetter", l.higherIsBetter());
            m.put("values", l.values());
            m.put("errors", l.errors());
            if (!l.mailboxFull().isEmpty()) {
                m.put("mailboxFullPerIteration", l.mailboxFull());
            }
            m.put("ratios", Map.of("k4s/pekko", l.ratio("k4s", "pekko"), "k4s/jdk", l.ratio("k4s", "jdk"),
                    "pekko/jdk", l.ratio("pekko", "jdk")));
            messaging.add(m);
        }
        json.put("messaging", messaging);
        json.put("controlPlane", cp.json());
        List<Object> t = new ArrayList<>();
        for (Target target : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target.what());
            m.put("goal", target.goal());
            m.put("measured", target.measured());
            m.put("status", target.status());
            t.add(m);
        }
        json.put("targets", t);
        return json;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!List.of("--jmh", "--control-plane", "--machine", "--heading", "--out").contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            options.put(name, args[++i]);
        }
        for (String required : List.of("--jmh", "--out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        return options;
    }
}
