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

/** Say which input shapes a schema reads, to pick the alternative of a one-of. Stateless. */
final class Shapes {

    private Shapes() {}

    /** Whether a node of {@code shape} is read by {@code schema} (rather than refused for its shape). */
    static boolean accepts(Schema<?> schema, Shape shape) {
        return switch (schema) {
            case ObjectSchema<?> o -> shape == Shape.MAP;
            case MapSchema<?> m -> shape == Shape.MAP;
            case ListSchema<?> l -> shape == Shape.LIST;
            case FreeFormSchema<?> f -> !f.mapOnly() || shape == Shape.MAP;
            case StringSchema s -> shape == Shape.STRING;
            case EnumSchema<?> e -> shape == Shape.STRING;
            case TimestampSchema t -> shape == Shape.STRING || shape == Shape.TIMESTAMP;
            case IntegerSchema<?> i -> shape == Shape.INTEGER;
            case NumberSchema n -> shape == Shape.INTEGER || shape == Shape.FLOAT;
            case BooleanSchema b -> shape == Shape.BOOLEAN;
            case DurationSchema d -> shape == Shape.STRING || shape == Shape.INTEGER;
            case OneOfSchema<?> o -> o.alternatives().stream().anyMatch(a -> accepts(a.schema(), shape));
            case MappedSchema<?, ?> m -> accepts(m.wire(), shape);
        };
    }
}
