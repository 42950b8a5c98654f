package io.k4s.workers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void integralValuesAndTexts_areLongs() {
        assertEquals(Optional.of(7L), Numbers.read(7));
        assertEquals(Optional.of(7L), Numbers.read((short) 7));
        assertEquals(Optional.of(-7L), Numbers.read(" -7 "));
        assertEquals(Optional.of(7L), Numbers.read(BigInteger.valueOf(7)));
        assertEquals(Optional.of(Long.MAX_VALUE), Numbers.read("9223372036854775807"));
    }

    @Test
    void decimalsAndHugeIntegers_areDoubles() {
        assertEquals(Optional.of(2.5), Numbers.read("2.5"));
        assertEquals(Optional.of(2.5), Numbers.read(2.5f));
        assertEquals(Optional.of(0.5), Numbers.read(".5"));
        assertEquals(Optional.of(1000.0), Numbers.read("1e3"));
        assertEquals(Optional.of(2.5), Numbers.read(new BigDecimal("2.5")));
        assertEquals(Optional.of(9.223372036854775808E18), Numbers.read("9223372036854775808"));
    }

    @Test
    void nonFiniteAndNonNumbers_areEmpty() {
        for (Object value : List.of("NaN", "Infinity", "1e400", Double.NaN, Double.POSITIVE_INFINITY, "0x10",
                "1d", "2f", "", "1 2", "one", true, List.of(1))) {
            assertEquals(Optional.empty(), Numbers.read(value), "read(" + value + ")");
        }
        assertEquals(Optional.empty(), Numbers.read(null));
    }

    @Test
    void shape_givesLongForWholeNumbersThatFit() {
        assertEquals(4L, Numbers.shape(4.0));
        assertEquals(0L, Numbers.shape(-0.0));
        assertEquals(2.5, Numbers.shape(2.5));
        assertEquals(1e19, Numbers.shape(1e19));
    }
}
