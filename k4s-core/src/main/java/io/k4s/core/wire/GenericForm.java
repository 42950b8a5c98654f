package io.k4s.core.wire;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Convert values to the generic form JSON carries (maps with string keys, lists, strings,
 * numbers, booleans, {@code null}) and records and enums back from it.
 *
 * <p>To the generic form: enums become their names, {@code BigDecimal}s their exact text,
 * records maps of their components by name
 * (in declaration order), collections lists; anything else is not encodable. From it: a record
 * class is rebuilt through its canonical constructor, each component converted to its declared
 * type (numbers widened or narrowed, decimals parsed from their text, enums by name, {@code List}/{@code Set}/{@code Map} element
 * types followed). Stateless; any thread.
 */
final class GenericForm {

    /** A value the generic form cannot hold: its class, and where it sits in the payload. */
    static final class NotGeneric extends Exception {
        final Class<?> type;
        final String path;

        NotGeneric(Class<?> type, String path, String why) {
            super(why, null, false, false);
            this.type = type;
            this.path = path;
        }
    }

    private GenericForm() {}

    /** The generic form of {@code value}; {@code path} names where it sits ({@code payload} at the top). */
    static Object of(Object value, String path) throws NotGeneric {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case BigInteger b -> b;
            case BigDecimal b -> b.toString(); // exact, scale kept: JSON readers make doubles of decimals
            case Double d -> finite(d, path);
            case Float f -> finite(f.doubleValue(), path);
            case Enum<?> e -> e.name();
            case Record r -> record(r, path);
            case Map<?, ?> m -> map(m, path);
            case Collection<?> c -> list(c, path);
            default -> throw new NotGeneric(value.getClass(), path, "not a JSON type, record or enum");
        };
    }

    private static Double finite(double d, String path) throws NotGeneric {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotGeneric(Double.class, path, "JSON has no " + d);
        }
        return d;
    }

    private static Map<String, Object> record(Record r, String path) throws NotGeneric {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Map<String, Object> out = new LinkedHashMap<>(components.length * 2);
        for (RecordComponent c : components) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new NotGeneric(r.getClass(), path + "." + c.getName(), "its accessor failed: " + e);
            }
            out.put(c.getName(), of(v, path + "." + c.getName()));
        }
        return out;
    }

    private static Map<String, Object> map(Map<?, ?> m, String path) throws NotGeneric {
        Map<String, Object> out = new LinkedHashMap<>(m.size() * 2);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                Class<?> type = e.getKey() == null ? Object.class : e.getKey().getClass();
                throw new NotGeneric(type, path, "a map key that is not a string (" + e.getKey() + ")");
            }
            out.put(key, of(e.getValue(), path + "." + key));
        }
        return out;
    }

    private static List<Object> list(Collection<?> c, String path) throws NotGeneric {
        List<Object> out = new ArrayList<>(c.size());
        int i = 0;
        for (Object v : c) {
            out.add(of(v, path + "[" + i++ + "]"));
        }
        return out;
    }

    /**
     * {@code generic} as a value of {@code type}: records and enums rebuilt, numbers converted,
     * anything else as it is.
     *
     * @throws IllegalArgumentException naming the path and what did not fit
     */
    static Object to(Type type, Object generic, String path) {
        if (generic == null) {
            return null;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) && generic instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (int i = 0; i < l.size(); i++) {
                    out.add(to(args[0], l.get(i), path + "[" + i + "]"));
                }
                return out;
            }
            if (Set.class.isAssignableFrom(raw) && generic instanceof List<?> l) {
                Set<Object> out = new LinkedHashSet<>();
                for (int i = 0; i < l.size(); i++) {
                    out.add(to(args[0], l.get(i), path + "[" + i + "]"));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw) && generic instanceof Map<?, ?> m && args.length == 2) {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, to(args[1], v, path + "." + k)));
                return out;
            }
            return to(raw, generic, path);
        }
        if (!(type instanceof Class<?> c)) {
            return generic;
        }
        if (c.isRecord() && generic instanceof Map<?, ?> m) {
            return record(c, m, path);
        }
        if (c.isEnum() && generic instanceof String s) {
            return enumValue(c, s, path);
        }
        if (Set.class.isAssignableFrom(c) && generic instanceof List<?> l) {
            return new LinkedHashSet<>(l);
        }
        if (generic instanceof Number n) {
            return number(c, n, path);
        }
        if (c == BigDecimal.class && generic instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + ": \"" + s + "\" is not a decimal number", e);
            }
        }
        return generic;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> c, String name, String path) {
        try {
            return Enum.valueOf((Class) c, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + c.getName() + " has no constant " + name, e);
        }
    }

    private static Object number(Class<?> c, Number n, String path) {
        if (c == int.class || c == Integer.class) {
            return n.intValue();
        } else if (c == long.class || c == Long.class) {
            return n.longValue();
        } else if (c == double.class || c == Double.class) {
            return n.doubleValue();
        } else if (c == float.class || c == Float.class) {
            return n.floatValue();
        } else if (c == short.class || c == Short.class) {
            return n.shortValue();
        } else if (c == byte.class || c == Byte.class) {
            return n.byteValue();
        } else if (c == BigInteger.class) {
            return n instanceof BigInteger b ? b : new BigDecimal(n.toString()).toBigInteger();
        } else if (c == BigDecimal.class) {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } else if (c.isInstance(n)) {
            return n;
        }
        throw new IllegalArgumentException(path + ": a number (" + n + ") where " + c.getName() + " was expected");
    }

    private static Object record(Class<?> c, Map<?, ?> m, String path) {
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            Object v = to(rc.getGenericType(), m.get(rc.getName()), path + "." + rc.getName());
            args[i] = v == null && rc.getType().isPrimitive() ? zero(rc.getType()) : v;
        }
        try {
            Constructor<?> canonical = c.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(path + ": cannot rebuild record " + c.getName() + ": " + cause, cause);
        }
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) {
            return false;
        }
        if (primitive == char.class) {
            return '\0';
        }
        return number(primitive, 0, "");
    }
}
