package io.k4s.server.internal.api;

import io.k4s.api.schema.BooleanSchema;
import io.k4s.api.schema.DurationSchema;
import io.k4s.api.schema.EnumSchema;
import io.k4s.api.schema.FreeFormSchema;
import io.k4s.api.schema.IntegerSchema;
import io.k4s.api.schema.ListSchema;
import io.k4s.api.schema.MapSchema;
import io.k4s.api.schema.MappedSchema;
import io.k4s.api.schema.NumberSchema;
import io.k4s.api.schema.ObjectSchema;
import io.k4s.api.schema.OneOfSchema;
import io.k4s.api.schema.Schema;
import io.k4s.api.schema.StringSchema;
import io.k4s.api.schema.TimestampSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Write a k4s schema ({@code io.k4s.api.schema}) as an OpenAPI v3 schema object, with the
 * descriptions {@code kubectl explain} shows: objects with their properties and required fields,
 * integers with their bounds, enums with their spellings, maps as {@code additionalProperties},
 * free-form values with {@code x-kubernetes-preserve-unknown-fields}, durations and other values
 * that read an integer or a string with {@code x-kubernetes-int-or-string}. Stateless.
 */
final class OpenApiSchemas {

    private OpenApiSchemas() {}

    /** {@code schema} as an OpenAPI schema object; {@code description} overrides its own when not empty. */
    static Map<String, Object> of(Schema<?> schema, String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        String text = description == null || description.isEmpty() ? schema.description() : description;
        if (text != null && !text.isEmpty()) {
            out.put("description", text);
        }
        switch (schema) {
            case ObjectSchema<?> o -> {
                out.put("type", "object");
                Map<String, Object> properties = new LinkedHashMap<>();
                List<String> required = new ArrayList<>();
                for (ObjectSchema.Field<?, ?> f : o.fields()) {
                    properties.put(f.name(), of(f.schema(), f.description()));
                    if (f.required()) {
                        required.add(f.name());
                    }
                }
                out.put("properties", properties);
                if (!required.isEmpty()) {
                    out.put("required", required);
                }
            }
            case StringSchema s -> {
                out.put("type", "string");
                s.pattern().ifPresent(p -> out.put("pattern", p.pattern()));
            }
            case IntegerSchema<?> i -> {
                out.put("type", "integer");
                out.put("format", i.javaLong() ? "int64" : "int32");
                if (i.min() != Long.MIN_VALUE && i.min() != Integer.MIN_VALUE) {
                    out.put("minimum", i.min());
                }
                if (i.max() != Long.MAX_VALUE && i.max() != Integer.MAX_VALUE) {
                    out.put("maximum", i.max());
                }
            }
            case NumberSchema n -> {
                out.put("type", "number");
                out.put("format", "double");
            }
            case BooleanSchema b -> out.put("type", "boolean");
            case DurationSchema d -> out.put("x-kubernetes-int-or-string", true);
            case TimestampSchema t -> {
                out.put("type", "string");
                out.put("format", "date-time");
            }
            case EnumSchema<?> e -> {
                out.put("type", "string");
                out.put("enum", List.copyOf(e.values().keySet()));
            }
            case MapSchema<?> m -> {
                out.put("type", "object");
                out.put("additionalProperties", of(m.values(), ""));
            }
            case ListSchema<?> l -> {
                out.put("type", "array");
                out.put("items", of(l.items(), ""));
            }
            case FreeFormSchema<?> f -> {
                if (f.mapOnly()) {
                    out.put("type", "object");
                }
                out.put("x-kubernetes-preserve-unknown-fields", true);
            }
            case OneOfSchema<?> one -> oneOf(one, out);
            case MappedSchema<?, ?> mapped -> {
                Map<String, Object> wire = of(mapped.wire(), "");
                wire.remove("description");
                out.putAll(wire);
            }
        }
        return out;
    }

    private static void oneOf(OneOfSchema<?> one, Map<String, Object> out) {
        Set<String> types = new LinkedHashSet<>();
        List<Object> alternatives = new ArrayList<>();
        for (OneOfSchema.Alternative<?> a : one.alternatives()) {
            Map<String, Object> alternative = of(a.schema(), "");
            alternative.remove("description");
            alternatives.add(alternative);
            types.add(String.valueOf(alternative.get("type")));
        }
        if (types.size() == 1 && !types.contains("null")) {
            out.putAll(((Map<?, ?>) alternatives.getFirst()).entrySet().stream()
                    .collect(LinkedHashMap::new, (m, e) -> m.put(String.valueOf(e.getKey()), e.getValue()),
                            Map::putAll));
        } else if (types.equals(Set.of("integer", "string"))) {
            out.put("x-kubernetes-int-or-string", true);
        } else {
            out.put("x-kubernetes-preserve-unknown-fields", true);
        }
    }
}
