package io.k4s.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.Address;
import io.k4s.api.PayloadCodec;
import io.k4s.api.PayloadNotEncodableException;
import io.k4s.core.schema.JsonText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadCodecsTest {

    enum Size { SMALL, LARGE }

    record Item(String name, int count, double price, Size size, boolean fragile) {}

    record Basket(long id, List<Item> items, Map<String, Item> byName, Set<Size> sizes, Item favourite,
                  BigDecimal total, Object anything) {}

    /** Encodes {@link Duration}s as their ISO text, for the SPI test. */
    static final class DurationCodec implements PayloadCodec {
        @Override
        public String name() {
            return "duration";
        }

        @Override
        public boolean encodes(Class<?> type) {
            return type == Duration.class;
        }

        @Override
        public byte[] encode(Object payload) {
            return payload.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(String type, byte[] bytes) {
            return Duration.parse(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static final Address TARGET = Address.container("default", "calc-0");
    private final PayloadCodecs codecs = PayloadCodecs.of(getClass().getClassLoader(), List.of(new DurationCodec()));

    private Object roundTrip(Object payload) {
        return codecs.decode(codecs.encode(TARGET, payload));
    }

    @Test
    void strings_plainOrNeedingEscapes_roundTripAsTheJsonWriterWouldWriteThem() {
        for (String s : List.of("", "ping", "a b~{}[]:,", "say \"hi\"", "back\\slash", "tab\tnew\nline\u0001",
                "caf\u00e9 \u20ac \ud83d\ude00", "del\u007f")) {
            Encoded e = codecs.encode(TARGET, s);
            assertEquals(PayloadCodecs.JSON, e.codec());
            assertNull(e.type());
            assertEquals(JsonText.write(s), new String(e.body(), StandardCharsets.UTF_8), s);
            assertEquals(s, codecs.decode(e), s);
        }
    }

    @Test
    void jsonThatIsNotOnePlainString_isLeftToTheJsonReader() {
        assertEquals("a\"b", codecs.decode(new Encoded(PayloadCodecs.JSON, null, bytes("\"a\\\"b\""))));
        assertEquals("x", codecs.decode(new Encoded(PayloadCodecs.JSON, null, bytes(" \"x\" "))));
        assertEquals(List.of("a"), codecs.decode(new Encoded(PayloadCodecs.JSON, null, bytes("[\"a\"]"))));
        assertThrows(RuntimeException.class,
                () -> codecs.decode(new Encoded(PayloadCodecs.JSON, null, bytes("\"a\"b\""))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scalarsMapsAndLists_roundTripAsTheGenericForm() {
        assertNull(roundTrip(null));
        assertEquals("text", roundTrip("text"));
        assertEquals(true, roundTrip(true));
        assertEquals(7, roundTrip(7));
        assertEquals(1L << 40, roundTrip(1L << 40));
        assertEquals(2.5, roundTrip(2.5));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                roundTrip(new BigInteger("123456789012345678901234567890")));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", false));
        nested.put("map", Map.of("k", 1.5));
        nested.put("none", null);
        assertEquals(nested, roundTrip(nested));
        assertEquals(List.of("a"), roundTrip(Set.of("a")));
        assertEquals("4.50", roundTrip(new BigDecimal("4.50")), "a decimal outside a record arrives as its exact text");
        assertEquals(List.of("a", "b"), roundTrip(List.of("a", "b")));
    }

    @Test
    void records_areRebuiltWithTheirComponentTypes_nested() {
        Item apple = new Item("apple", 3, 0.5, Size.SMALL, false);
        Item melon = new Item("melon", 1, 4.0, Size.LARGE, true);
        Basket basket = new Basket(1L << 35, List.of(apple, melon), Map.of("apple", apple),
                Set.of(Size.LARGE), melon, new BigDecimal("4.50"), Map.of("free", List.of(1)));
        assertEquals(basket, roundTrip(basket));
        assertEquals(Size.LARGE, roundTrip(Size.LARGE));
    }

    @Test
    void aRecordTheReceiverLacks_arrivesAsAMapByComponentName() {
        Encoded encoded = codecs.encode(TARGET, new Item("pear", 2, 1.0, Size.SMALL, false));
        Object decoded = codecs.decode(new Encoded(encoded.codec(), "com.example.Missing", encoded.body()));
        assertEquals(Map.of("name", "pear", "count", 2, "price", 1.0, "size", "SMALL", "fragile", false), decoded);
    }

    @Test
    void otherTypes_goThroughTheirCodec() {
        Encoded encoded = codecs.encode(TARGET, Duration.ofSeconds(90));
        assertEquals("duration", encoded.codec());
        assertEquals(Duration.ofSeconds(90), codecs.decode(encoded));
    }

    @Test
    void aValueNothingEncodes_failsTyped_namingTheTypeAndWhereItSits() {
        PayloadNotEncodableException top = assertThrows(PayloadNotEncodableException.class,
                () -> codecs.encode(TARGET, new Object()));
        assertEquals(Object.class.getName(), top.payloadType());
        assertEquals(TARGET, top.target());
        PayloadNotEncodableException inner = assertThrows(PayloadNotEncodableException.class,
                () -> codecs.encode(TARGET, Map.of("when", List.of(Duration.ZERO))));
        assertEquals(Duration.class.getName(), inner.payloadType());
        assertTrue(inner.getMessage().contains("payload.when[0]"), inner.getMessage());
        assertEquals(0, inner.getStackTrace().length, "a flow-control failure carries no stack trace");
        assertThrows(PayloadNotEncodableException.class, () -> codecs.encode(TARGET, Map.of(1, "x")));
        assertThrows(PayloadNotEncodableException.class, () -> codecs.encode(TARGET, Double.NaN));
    }

    @Test
    void aCodecTheReceiverLacks_isAClearError() {
        Encoded foreign = new Encoded("protobuf", "x.Y", new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codecs.decode(foreign));
        assertTrue(e.getMessage().contains("protobuf"), e.getMessage());
    }

    @Test
    void twoCodecsWithOneName_areAStartupError() {
        assertThrows(IllegalStateException.class, () -> PayloadCodecs.of(getClass().getClassLoader(),
                List.of(new DurationCodec(), new DurationCodec())));
        assertArrayEquals(new byte[] {'"', 'x', '"'}, codecs.encode(TARGET, "x").body());
    }
}
