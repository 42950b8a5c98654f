package io.k4s.workers.examples;

import io.k4s.api.InvalidParamException;
import io.k4s.api.Message;
import io.k4s.api.Params;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Evaluate simple arithmetic: a request service for the request-response demos.
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>calculator parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code precision}</td><td>int, 0..15</td><td>none (no rounding)</td>
 *     <td>round decimal results to this many decimal places (half up)</td></tr>
 * </table>
 *
 * <p>Payloads: a text {@code "A OP B"} with {@code OP} one of {@code + - * / ^ %}
 * ({@code "2 + 3"}, {@code "10 / 4"}, {@code "2 ^ 10"}, {@code "7 % 3"}), a function
 * {@code "sqrt 16"} or {@code "abs -3"} (also {@code sqrt(16)}), or a map
 * {@code {op: add, a: 2, b: 3}} whose {@code op} is {@code add}, {@code sub}, {@code mul},
 * {@code div}, {@code pow}, {@code mod}, {@code sqrt}, {@code abs} or a symbol, and whose
 * operands are numbers or numeric texts. {@code %} is the remainder with the sign of the
 * dividend, as Java's {@code %}.
 *
 * <p>The reply is a {@link Long} when the result is a whole number and fits, else a
 * {@link Double}: {@code "10 / 4"} gives {@code 2.5}, {@code "sqrt 16"} gives {@code 4}. Integral
 * operands are computed exactly. Division or modulo by zero, the square root of a negative
 * number, an infinite result, and anything unreadable throw an {@link IllegalArgumentException}
 * that says what was wrong; the caller receives it inside a
 * {@link io.k4s.api.WorkerFailedException} and the container keeps running.
 *
 * <p>An instance belongs to one container and is called only on that container's thread.
 */
@WorkerType(value = "calculator",
        description = "Evaluate arithmetic such as \"2 + 3\", \"sqrt 16\" or {op: add, a: 2, b: 3}.")
public final class CalculatorWorker implements Worker {

    /** The largest accepted {@code precision}: a double holds about 15 significant decimal digits. */
    static final int MAX_PRECISION = 15;

    private Integer precision;

    /** Create a calculator worker; k4s calls this once per container. */
    public CalculatorWorker() {
    }

    /** Read and validate {@code precision}; reject unknown parameters. */
    @Override
    public void start(WorkerContext context) {
        Params params = context.params();
        ParamRules.requireOnly(params, "calculator", "precision");
        if (params.has("precision")) {
            int value = params.integer("precision");
            if (value < 0 || value > MAX_PRECISION) {
                throw new InvalidParamException("precision", "expected 0.." + MAX_PRECISION
                        + " decimal places, got " + value);
            }
            precision = value;
        }
    }

    /** Evaluate the payload and return the result. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        Number result = Calculation.parse(message.payload()).evaluate();
        if (precision != null && result instanceof Double d) {
            return Numbers.shape(BigDecimal.valueOf(d).setScale(precision, RoundingMode.HALF_UP).doubleValue());
        }
        return result;
    }
}
