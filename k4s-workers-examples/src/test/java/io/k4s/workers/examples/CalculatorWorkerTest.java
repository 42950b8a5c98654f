package io.k4s.workers.examples;

import static io.k4s.workers.examples.TestMessage.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k4s.api.InvalidParamException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorWorkerTest {

    private static Object calculate(Map<String, ?> params, Object payload) {
        FakeWorkerContext context = new FakeWorkerContext("calc-0", params);
        CalculatorWorker worker = new CalculatorWorker();
        worker.start(context);
        return worker.handle(request(payload), context);
    }

    private static Object calculate(Object payload) {
        return calculate(Map.of(), payload);
    }

    private static String failure(Object payload) {
        return assertThrows(IllegalArgumentException.class, () -> calculate(payload)).getMessage();
    }

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2 + 3                | 5
            10 / 4               | 2.5
            10 / 2               | 5
            2 ^ 10               | 1024
            7 % 3                | 1
            -7 % 3               | -1
            sqrt 16              | 4
            sqrt(9)              | 3
            SQRT 2               | 1.4142135623730951
            abs -3               | 3
            abs -2.5             | 2.5
            2-3                  | -1
            2 - -3               | 5
            1.5 * 2              | 3
            0.1 + 0.2            | 0.30000000000000004
            2 ^ -1               | 0.5
            2 ^ 0.5              | 1.4142135623730951
            -1 ^ 63              | -1
            0 ^ 0                | 1
            1e3 / 8              | 125
            9223372036854775807 + 0 | 9223372036854775807
            """)
    void textExpressions(String expression, String expected) {
        Object result = calculate(expression);
        Number want; // not a ?: expression, which would promote the Long to a double
        if (expected.contains(".")) {
            want = Double.parseDouble(expected);
        } else {
            want = Long.parseLong(expected);
        }
        assertEquals(want, result, "type and value of " + expression);
    }

    @Test
    void integralResults_areLongsOthersDoubles() {
        assertEquals(Long.class, calculate("6 * 7").getClass());
        assertEquals(Double.class, calculate("1 / 3").getClass());
        assertEquals(Double.class, calculate("9223372036854775807 * 2").getClass(), "overflow falls back to double");
        assertEquals(1.8446744073709552E19, calculate("9223372036854775807 * 2"));
    }

    @Test
    void maps_withWordsOrSymbols() {
        assertEquals(5L, calculate(Map.of("op", "add", "a", 2, "b", 3)));
        assertEquals(-1L, calculate(Map.of("op", "sub", "a", 2, "b", 3)));
        assertEquals(10L, calculate(Map.of("op", "*", "a", "4", "b", 2.5)));
        assertEquals(2.5, calculate(Map.of("op", "div", "a", 10, "b", 4)));
        assertEquals(1024L, calculate(Map.of("op", "pow", "a", 2, "b", 10)));
        assertEquals(1L, calculate(Map.of("op", "mod", "a", 7, "b", 3)));
        assertEquals(4L, calculate(Map.of("op", "sqrt", "a", 16)));
        assertEquals(3L, calculate(Map.of("op", "ABS", "a", -3)));
        assertEquals(8L, calculate(Map.of("op", "^", "a", 2, "b", 3)));
    }

    @Test
    void precision_roundsDecimalResultsHalfUp() {
        assertEquals(3.3333, calculate(Map.of("precision", 4), "10 / 3"));
        assertEquals(0.6667, calculate(Map.of("precision", 4), "2 / 3"));
        assertEquals(5L, calculate(Map.of("precision", 4), "2 + 3"), "integral results are untouched");
        assertEquals(3L, calculate(Map.of("precision", 0), "10 / 4"), "2.5 rounds to the whole number 3");
        assertEquals(0.1, calculate(Map.of("precision", "2"), "0.1 * 1"));
        assertEquals(0.30000000000000004, calculate("0.1 + 0.2"), "no rounding without precision");
    }

    @Test
    void divisionAndModuloByZero_sayWhatWasAsked() {
        assertEquals("division by zero: 10 / 0", failure("10 / 0"));
        assertEquals("division by zero: 1.5 / 0", failure("1.5 / 0"));
        assertEquals("modulo by zero: 7 % 0", failure("7 % 0"));
        assertEquals("division by zero: 1 / 0", failure(Map.of("op", "div", "a", 1, "b", 0)));
    }

    @Test
    void impossibleResults_areErrors() {
        assertEquals("square root of a negative number: sqrt -4", failure("sqrt -4"));
        assertTrue(failure("10 ^ 400").startsWith("10 ^ 400 has no finite result"), failure("10 ^ 400"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "2 +", "", "2 + 3 + 4", "+ 2 3", "2 plus 3", "sqrt", "sqrt x", "2 & 3"})
    void garbageText_isRejectedListingTheAcceptedForms(String text) {
        String message = failure(text);
        assertTrue(message.startsWith("cannot read \"" + text + "\"; expected \"A OP B\""), message);
    }

    @Test
    void unknownFunction_isNamed() {
        assertEquals("unknown function \"log\" in \"log 5\"; the functions are sqrt and abs", failure("log 5"));
    }

    @Test
    void badMaps_sayWhatIsMissingOrWrong() {
        assertTrue(failure(Map.of("a", 1, "b", 2)).contains("has no \"op\""));
        assertEquals("unknown op \"avg\"; expected one of add (+), sub (-), mul (*), div (/), pow (^),"
                + " mod (%), sqrt, abs", failure(Map.of("op", "avg", "a", 1)));
        assertTrue(failure(Map.of("op", "add", "a", 1)).startsWith("op add needs \"b\""));
        assertEquals("\"a\" must be a finite number, got two", failure(Map.of("op", "add", "a", "two", "b", 1)));
        Map<String, Object> nullB = new HashMap<>(Map.of("op", "sub", "a", 1));
        nullB.put("b", null);
        assertTrue(failure(nullB).startsWith("op sub needs \"b\""));
    }

    @Test
    void otherPayloadTypes_areRejected() {
        assertTrue(failure(42).startsWith("cannot calculate a Integer (42);"), failure(42));
        assertTrue(failure(List.of(1, 2)).startsWith("cannot calculate a "), failure(List.of(1, 2)));
        assertTrue(failure(null).startsWith("cannot calculate a null payload"));
    }

    @Test
    void afterAFailure_theSameWorkerKeepsAnswering() {
        FakeWorkerContext context = new FakeWorkerContext("calc-0", Map.of());
        CalculatorWorker worker = new CalculatorWorker();
        worker.start(context);

        assertThrows(IllegalArgumentException.class, () -> worker.handle(request("1 / 0"), context));
        assertEquals(3L, worker.handle(request("1 + 2"), context));
    }

    @Test
    void badPrecision_failsStartNamingIt() {
        assertPrecisionError(16, "expected 0..15 decimal places, got 16");
        assertPrecisionError(-1, "expected 0..15 decimal places, got -1");
        assertPrecisionError("four", "expected an integer, got \"four\"");
    }

    private static void assertPrecisionError(Object value, String expected) {
        InvalidParamException e = assertThrows(InvalidParamException.class,
                () -> calculate(Map.of("precision", value), "1 + 1"));
        assertEquals("precision", e.param());
        assertEquals("spec.params.precision: " + expected, e.getMessage());
    }

    @Test
    void unknownParam_failsStart() {
        InvalidParamException e = assertThrows(InvalidParamException.class,
                () -> calculate(Map.of("decimals", 2), "1 + 1"));
        assertEquals("spec.params.decimals: unknown parameter for worker calculator; accepted parameters:"
                + " precision", e.getMessage());
    }
}
