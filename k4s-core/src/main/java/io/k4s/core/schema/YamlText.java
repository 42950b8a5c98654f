package io.k4s.core.schema;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Write the generic form as plain block YAML, without tags: strings that would read as another
 * type ({@code '2'}, {@code 'true'}) are quoted. Reading YAML is the manifest reader's job (it
 * keeps positions). Thread-safe: each call uses its own SnakeYAML instance.
 */
public final class YamlText {

    private YamlText() {}

    /** {@code generic} as one YAML document. */
    public static String write(Object generic) {
        return yaml().dump(generic);
    }

    /** Each of {@code documents} as a YAML document, separated by {@code ---}. */
    public static String writeAll(List<?> documents) {
        StringBuilder out = new StringBuilder();
        for (Object d : documents) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(write(d));
        }
        return out.toString();
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setWidth(1000);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    }
}
