package io.k4s.demo;

import io.k4s.api.resource.Resource;
import io.k4s.core.manifest.ManifestWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Turn resources into their generic form (maps, lists and scalars, as {@code get -o yaml} prints
 * them), for {@code -o jsonpath}. Stateless and thread-safe.
 */
final class GenericForm {

    private GenericForm() {}

    /** One resource as a map: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}, {@code status}. */
    static Map<String, Object> of(Resource resource) {
        LoaderOptions options = new LoaderOptions();
        Object tree = new Yaml(new SafeConstructor(options)).load(ManifestWriter.write(resource));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
    }

    /** Several resources as kubectl's list object: {@code {apiVersion: v1, kind: List, items: [...]}}. */
    static Map<String, Object> list(List<? extends Resource> resources) {
        List<Object> items = new ArrayList<>();
        resources.forEach(r -> items.add(of(r)));
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items);
        return list;
    }
}
