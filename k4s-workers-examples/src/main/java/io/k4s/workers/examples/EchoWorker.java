package io.k4s.workers.examples;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/**
 * Reply with the payload, or with the payload's text after a prefix: the smallest useful worker.
 *
 * <p>Parameters ({@code spec.params}):
 * <table>
 * <caption>echo parameters</caption>
 * <tr><th>name</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code prefix}</td><td>string</td><td>none</td>
 *     <td>when set, the reply is {@code prefix + String.valueOf(payload)}; when not set, the
 *     reply is the payload itself, unchanged</td></tr>
 * </table>
 *
 * <p>It logs nothing per message. Like every worker, an instance belongs to one container and
 * is called only on that container's thread.
 */
@WorkerType(value = "echo", description = "Reply with the payload, optionally after a prefix.")
public final class EchoWorker implements Worker {

    private String prefix;

    /** Create an echo worker; k4s calls this once per container. */
    public EchoWorker() {
    }

    /** Read {@code prefix}; reject unknown parameters. */
    @Override
    public void start(WorkerContext context) {
        ParamRules.requireOnly(context.params(), "echo", "prefix");
        prefix = context.params().string("prefix", null);
    }

    /** Return the payload, or {@code prefix + String.valueOf(payload)} when a prefix is set. */
    @Override
    public Object handle(Message message, WorkerContext context) {
        Object payload = message.payload();
        return prefix == null ? payload : prefix + payload;
    }
}
