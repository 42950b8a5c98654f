package io.k4s.server.internal.api;

import io.k4s.api.resource.PrinterColumn;
import io.k4s.api.resource.Resource;
import io.k4s.api.resource.ResourceKind;
import io.k4s.core.schema.DurationText;
import io.k4s.server.internal.http.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write resources as a {@code meta.k8s.io} {@code Table}, the format kubectl asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}: the columns are the kind's printer
 * columns (those that are wide-only with priority 1, so {@code -o wide} shows them), NAME first
 * and AGE after the columns every table shows, as the shell prints them. Each row carries the
 * object's metadata ({@code includeObject=Metadata}, the default), the whole object
 * ({@code Object}) or nothing ({@code None}), through {@link WireObjects} and its filter.
 */
final class Tables {

    private static final String NONE = "<none>";

    private final WireObjects wire;

    Tables(WireObjects wire) {
        this.wire = wire;
    }

    /**
     * The include mode of the request's {@code includeObject} parameter.
     *
     * @throws ApiError 400 for an unknown mode
     */
    static String includeObject(String text) {
        if (text == null || text.isEmpty()) {
            return "Metadata";
        }
        if (!List.of("None", "Metadata", "Object").contains(text)) {
            throw ApiError.badRequest("invalid includeObject \"" + text + "\": expected None, Metadata or Object");
        }
        return text;
    }

    /**
     * A table of {@code items} read at {@code resourceVersion}, with the column definitions unless
     * {@code headers} is false (the events of a watch after its first).
     */
    <R extends Resource> Map<String, Object> table(ResourceKind<R> kind, List<? extends Resource> items,
                                                   long resourceVersion, String continueToken, String include,
                                                   boolean headers, Object user, String tableVersion) {
        List<PrinterColumn<R>> columns = new ArrayList<>();
        kind.printerColumns().stream().filter(c -> !c.wide()).forEach(columns::add);
        List<PrinterColumn<R>> wide = kind.printerColumns().stream().filter(PrinterColumn::wide).toList();
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/" + tableVersion);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", String.valueOf(resourceVersion));
        if (continueToken != null && !continueToken.isEmpty()) {
            meta.put("continue", continueToken);
        }
        table.put("metadata", meta);
        if (headers) {
            List<Object> definitions = new ArrayList<>();
            definitions.add(column("Name", "string", "name", "The name, unique per kind and namespace.", 0));
            columns.forEach(c -> definitions.add(column(c.name(), type(c), "", c.description(), 0)));
            definitions.add(column("Age", "date", "", "How long ago the object was created.", 0));
            wide.forEach(c -> definitions.add(column(c.name(), type(c), "", c.description(), 1)));
            table.put("columnDefinitions", definitions);
        } else {
            table.put("columnDefinitions", null);
        }
        List<Object> rows = new ArrayList<>();
        for (Resource item : items) {
            R r = kind.cast(item);
            List<Object> cells = new ArrayList<>();
            cells.add(r.metadata().name());
            columns.forEach(c -> cells.add(cell(c.value().apply(r))));
            Instant created = r.metadata().creationTimestamp();
            cells.add(created == null ? "<unknown>" : Ages.human(Duration.between(created, Instant.now())));
            wide.forEach(c -> cells.add(cell(c.value().apply(r))));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", cells);
            if (!include.equals("None")) {
                Map<String, Object> object = wire.write(kind, r, user);
                if (include.equals("Metadata")) {
                    Map<String, Object> partial = new LinkedHashMap<>();
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.put("metadata", object.get("metadata"));
                    object = partial;
                }
                row.put("object", object);
            }
            rows.add(row);
        }
        table.put("rows", rows);
        return table;
    }

    private static Map<String, Object> column(String name, String type, String format, String description,
                                              int priority) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("type", type);
        c.put("format", format);
        c.put("description", description);
        c.put("priority", priority);
        return c;
    }

    private static String type(PrinterColumn<?> c) {
        return c.type().equals("date") ? "string" : c.type();
    }

    /** A cell as kubectl prints it: numbers and booleans as they are, everything else as text. */
    static Object cell(Object value) {
        return switch (value) {
            case null -> NONE;
            case String s when s.isEmpty() -> NONE;
            case List<?> l when l.isEmpty() -> NONE;
            case List<?> l -> String.join(",", l.stream().map(String::valueOf).toList());
            case Map<?, ?> m when m.isEmpty() -> NONE;
            case Map<?, ?> m -> labels(m);
            case Duration d -> DurationText.format(d);
            case Instant i -> Ages.human(Duration.between(i, Instant.now()));
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b;
            default -> String.valueOf(value);
        };
    }

    private static String labels(Map<?, ?> labels) {
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
