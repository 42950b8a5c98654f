package io.k4s.demo;

import io.k4s.api.resource.ResourceKind;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.Schema;
import io.k4s.core.kind.KindRegistry;
import io.k4s.core.schema.SchemaEncoder;
import io.k4s.core.schema.Spelling;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Print what a kind or one of its fields means, from the kind's schema, as {@code kubectl explain}
 * does: {@code explain rs}, {@code explain rs.spec.template.spec.restartPolicy}. Stateless apart
 * from its stream; use it from one thread.
 */
final class Explain {

    private static final int WIDTH = 80;

    private final KindRegistry kinds;
    private final PrintStream out;

    Explain(KindRegistry kinds, PrintStream out) {
        this.kinds = kinds;
        this.out = out;
    }

    /**
     * Explain {@code KIND[.field.path]}.
     *
     * @throws IllegalArgumentException if the kind is unknown or a field does not exist, naming
     *                                  the fields there are
     */
    void explain(String path) {
        String[] parts = path.strip().split("\\.");
        ResourceKind<?> kind = kinds.require(parts[0]);
        Schema<?> schema = kind.schema();
        ObjectSchema.Field<?, ?> field = null;
        for (int i = 1; i < parts.length; i++) {
            ObjectSchema<?> object = fieldsOf(schema).orElseThrow(() -> new IllegalArgumentException(
                    "\"" + String.join(".", List.of(parts).subList(0, parts.length - 1)) + "\" has no fields"));
            String name = parts[i];
            field = object.field(name).orElseThrow(() -> new IllegalArgumentException("field \"" + name
                    + "\" does not exist in " + object.typeName()
                    + Spelling.nearest(name, object.fieldNames()).map(s -> "; did you mean \"" + s + "\"?").orElse("")
                    + " (fields: " + String.join(", ", object.fieldNames()) + ")"));
            schema = field.schema();
        }
        out.println("KIND:     " + kind.kind());
        out.println("VERSION:  " + kind.apiVersion());
        out.println();
        if (field != null) {
            out.println("FIELD: " + field.name() + " <" + schema.typeName() + ">" + (field.required() ? " -required-" : ""));
            out.println();
        }
        out.println("DESCRIPTION:");
        paragraph(field != null ? field.description() : kind.description(), "    ");
        if (field != null) {
            details(field, schema).forEach(line -> paragraph(line, "    "));
        }
        Optional<ObjectSchema<?>> fields = fieldsOf(schema);
        if (fields.isPresent()) {
            out.println();
            out.println("FIELDS:");
            for (ObjectSchema.Field<?, ?> f : fields.get().fields()) {
                out.println("  " + f.name() + "\t<" + f.schema().typeName() + ">" + (f.required() ? " -required-" : ""));
                paragraph(f.description(), "    ");
            }
        }
    }

    /** Its default and its possible values, when it has them. */
    @SuppressWarnings("unchecked")
    private static List<String> details(ObjectSchema.Field<?, ?> field, Schema<?> schema) {
        List<String> lines = new ArrayList<>();
        Object defaultValue = field.defaultValue() == null ? null
                : SchemaEncoder.encode((Schema<Object>) field.schema(), field.defaultValue());
        if (defaultValue != null && !(defaultValue instanceof Map<?, ?> m && m.isEmpty())
                && !(defaultValue instanceof List<?> l && l.isEmpty()) && !"".equals(defaultValue)) {
            lines.add("Default: " + Values.format(defaultValue) + ".");
        }
        if (schema instanceof EnumSchema<?> e) {
            lines.add("Possible values: " + String.join(", ", e.values().keySet()) + ".");
        }
        return lines;
    }

    /** The object whose fields a path may go on into: through lists, maps, one-ofs and mappings. */
    private static Optional<ObjectSchema<?>> fieldsOf(Schema<?> schema) {
        return switch (schema) {
            case ObjectSchema<?> o -> Optional.of(o);
            case ListSchema<?> l -> fieldsOf(l.items());
            case MapSchema<?> m -> fieldsOf(m.values());
            case MappedSchema<?, ?> m -> fieldsOf(m.wire());
            case OneOfSchema<?> o -> o.alternatives().stream().map(a -> fieldsOf(a.schema()))
                    .flatMap(Optional::stream).findFirst();
            default -> Optional.empty();
        };
    }

    /** {@code text} wrapped at {@value #WIDTH} columns, each line after {@code indent}. */
    private void paragraph(String text, String indent) {
        if (text == null || text.isBlank()) {
            out.println(indent + "<empty>");
            return;
        }
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        out.println(line);
    }
}
