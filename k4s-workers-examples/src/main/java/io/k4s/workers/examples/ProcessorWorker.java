package io.k4s.workers.examples;

import io.k4s.api.Address;
import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Apply one text operation to each payload, reply with the result and, when configured, forward
 * the result to another address: a stage in a pipeline.
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>processor parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code operation}</td><td>string</td><td>{@code upper}</td>
 *     <td>one of {@code upper}, {@code lower} (locale-independent case), {@code reverse},
 *     {@code trim}, {@code length} (number of Unicode code points, an Integer),
 *     {@code capitalize} (first character upper case, the rest lower case), {@code words}
 *     (number of whitespace-separated words, an Integer), {@code identity} (the text
 *     unchanged); case-insensitive</td></tr>
 * <tr><td>{@code forwardTo}</td><td>address</td><td>none</td>
 *     <td>where to also {@code send} each result, for example {@code service/aggregator} or
 *     {@code container/agg-0}</td></tr>
 * </table>
 *
 * <p>The operation works on the payload's text form ({@code String.valueOf(payload)}), so a
 * non-string payload is processed as its {@code toString}. If forwarding fails (for example the
 * target has no ready endpoint) the exception propagates: a request fails with it, and a
 * fire-and-forget message becomes a dead letter, so nothing is lost silently.
 *
 * <p>An instance belongs to one container and is called only on that container's thread.
 */
@WorkerType(value = "processor",
        description = "Apply a text operation (upper, lower, reverse, ...) and optionally forward the result.")
public final class ProcessorWorker implements Worker {

    private Operation operation;
    private Address forwardTo;

    /** Create a processor worker; k4s calls this once per container. */
    public ProcessorWorker() {
    }

    /** Read and validate {@code operation} and {@code forwardTo}; reject unknown parameters. */
    @Override
    public void start(WorkerContext context) {
        ParamRules.requireOnly(context.params(), "processor", "operation", "forwardTo");
        operation = Operation.valueOf(ParamRules.choice(context.params(), "operation", "upper",
                Operation.words()).toUpperCase(Locale.ROOT));
        forwardTo = ParamRules.address(context.params(), "forwardTo");
    }

    /** Apply the operation to the payload's text, forward the result if configured, and return it. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        Object result = operation.apply(String.valueOf(message.payload()));
        if (forwardTo != null) {
            context.messenger().send(forwardTo, result);
        }
        return result;
    }

    /** The text operations, named as in the manifest. */
    private enum Operation {
        UPPER(text -> text.toUpperCase(Locale.ROOT)),
        LOWER(text -> text.toLowerCase(Locale.ROOT)),
        REVERSE(text -> new StringBuilder(text).reverse().toString()),
        TRIM(String::strip),
        LENGTH(text -> text.codePointCount(0, text.length())),
        CAPITALIZE(Operation::capitalize),
        WORDS(text -> text.isBlank() ? 0 : text.strip().split("\\s+").length),
        IDENTITY(text -> text);

        private final Function<String, Object> function;

        Operation(Function<String, Object> function) {
            this.function = function;
        }

        Object apply(String text) {
            return function.apply(text);
        }

        static List<String> words() {
            return Arrays.stream(values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList();
        }

        private static String capitalize(String text) {
            if (text.isEmpty()) {
                return text;
            }
            int first = text.codePointAt(0);
            int width = Character.charCount(first);
            return new StringBuilder(text.length())
                    .appendCodePoint(Character.toTitleCase(first))
                    .append(text.substring(width).toLowerCase(Locale.ROOT))
                    .toString();
        }
    }
}
