package io.k4s.core.schema;

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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Write a Java value to the generic form its schema describes: {@link LinkedHashMap} (fields in
 * schema order), {@link ArrayList}, {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} and {@code null}. What YAML and JSON writers serialise, and what
 * {@link SchemaDecoder} over a {@link GenericTree} reads back to an equal value. Stateless and
 * thread-safe.
 */
public final class SchemaEncoder {

    private SchemaEncoder() {}

    /**
     * The generic form of {@code value}.
     *
     * @throws ClassCastException if {@code value} is not of the schema's Java type
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Object encode(Schema<T> schema, T value) {
        if (value == null) {
            return null;
        }
        return switch (schema) {
            case ObjectSchema<?> o -> object((ObjectSchema<T>) o, value);
            case StringSchema s -> (String) value;
            case IntegerSchema<?> i -> ((Number) value).longValue();
            case NumberSchema n -> ((Number) value).doubleValue();
            case BooleanSchema b -> (Boolean) value;
            case DurationSchema d -> duration(d, (Duration) value);
            case TimestampSchema t -> ((Instant) value).toString();
            case EnumSchema e -> e.spelling(value);
            case MapSchema m -> map(m, (Map<String, Object>) value);
            case ListSchema l -> list(l, (List<Object>) value);
            case FreeFormSchema<?> f -> plain(value);
            case OneOfSchema<?> o -> oneOf((OneOfSchema<T>) o, value);
            case MappedSchema m -> encode(m.wire(), m.write(value));
        };
    }

    private static <T> Map<String, Object> object(ObjectSchema<T> schema, T value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ObjectSchema.Field<T, ?> f : schema.fields()) {
            put(out, f, value);
        }
        return out;
    }

    private static <T, V> void put(Map<String, Object> out, ObjectSchema.Field<T, V> f, T owner) {
        V v = f.get(owner);
        if (v == null) {
            return;
        }
        Object encoded = encode(f.schema(), v);
        if (!f.required() && v.equals(f.defaultValue()) && (f.omitDefault() || empty(encoded))) {
            return;
        }
        out.put(f.name(), encoded);
    }

    private static boolean empty(Object encoded) {
        return encoded == null || (encoded instanceof String s && s.isEmpty())
                || (encoded instanceof Map<?, ?> m && m.isEmpty()) || (encoded instanceof List<?> l && l.isEmpty());
    }

    private static Object duration(DurationSchema schema, Duration d) {
        if (schema.integerUnit() == ChronoUnit.SECONDS && d.getNano() == 0) {
            return d.getSeconds();
        }
        return DurationText.format(d);
    }

    private static <V> Map<String, Object> map(MapSchema<V> schema, Map<String, V> value) {
        Map<String, Object> out = new LinkedHashMap<>();
        value.forEach((k, v) -> out.put(k, encode(schema.values(), v)));
        return out;
    }

    private static <E> List<Object> list(ListSchema<E> schema, List<E> value) {
        List<Object> out = new ArrayList<>(value.size());
        value.forEach(v -> out.add(encode(schema.items(), v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> Object oneOf(OneOfSchema<T> schema, T value) {
        for (OneOfSchema.Alternative<T> a : schema.alternatives()) {
            if (a.javaType().isInstance(value)) {
                return encode((Schema<T>) a.schema(), value);
            }
        }
        throw new ClassCastException(value.getClass().getName() + " is none of the alternatives of "
                + schema.typeName());
    }

    /**
     * A free-form value as plain data: maps with string keys, lists, String, Long, Double,
     * Boolean and null. Durations, instants and enums become their text; other objects their
     * {@code toString()}.
     */
    public static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
            case Double d -> d;
            case Float f -> Double.parseDouble(f.toString());
            case BigDecimal b -> b.doubleValue();
            case Duration d -> DurationText.format(d);
            case Instant i -> i.toString();
            case Enum<?> e -> e.name();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(plain(v)));
                yield out;
            }
            default -> value.toString();
        };
    }
}
