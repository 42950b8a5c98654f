package io.k4s.demo;

import io.k4s.core.K4sCluster;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Run the ten demos (or the named ones), each on its own cluster, or list them. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demos (all by default), each a short narrated run on its own cluster.")
final class DemoCommand extends K4sCommand {

    @Option(names = {"-l", "--list"}, description = "List the demos and exit.")
    boolean list;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The demos to run (see --list).")
    List<String> names = new ArrayList<>();

    @Override
    int execute() throws Exception {
        List<Demo> all = Demo.all();
        if (list) {
            Table table = new Table("NAME", "WHAT IT SHOWS", "MANIFEST");
            all.forEach(d -> table.row(d.name(), d.title(), d.manifest()));
            table.print(main.out());
            return OK;
        }
        List<Demo> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no demo named \"" + name + "\"; the demos are "
                            + String.join(", ", all.stream().map(Demo::name).toList()))));
        }
        if (chosen.isEmpty()) {
            chosen.addAll(all);
        }
        long start = System.nanoTime();
        for (int i = 0; i < chosen.size(); i++) {
            Demo demo = chosen.get(i);
            main.out().printf("%n=== Demo %d/%d: %s (%s) ===%n", i + 1, chosen.size(), demo.name(), demo.title());
            try (K4sCluster cluster = main.startCluster(null)) {
                Stage stage = new Stage(cluster, main.out());
                demo.script().run(stage);
            }
            main.out().println("--- " + demo.name() + " done; its cluster is stopped.");
        }
        main.out().printf("%n%d demo%s finished in %.1f s.%n", chosen.size(), chosen.size() == 1 ? "" : "s",
                (System.nanoTime() - start) / 1e9);
        return OK;
    }
}
