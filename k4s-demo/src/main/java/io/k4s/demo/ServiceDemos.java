package io.k4s.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demos about services: simple, replicated, scaling and request-response. Stateless. */
final class ServiceDemos {

    private ServiceDemos() {}

    static void simpleService(Stage s) {
        s.say("""
                A Container runs one worker (here the echo worker) on its own virtual thread with a
                mailbox. A Service gives it a stable address: callers say service/echo, not which
                container answers.""");
        s.apply("demos/simple-service.yaml");
        s.get("containers");
        for (String text : List.of("hello", "k4s")) {
            s.command("request service/echo " + text);
            s.say(Values.format(s.request("service/echo", text)));
        }
        s.command("send service/echo fire-and-forget");
        s.cluster().messenger().send(io.k4s.api.Address.service("echo"), "fire-and-forget");
        s.await("container echo to handle 3 messages", () -> s.processed("echo") >= 3);
        s.say("The send returned at once; the echo container has now handled "
                + s.processed("echo") + " messages (2 requests, 1 send).");
    }

    static void replicatedService(Stage s) {
        s.say("""
                A ReplicaSet keeps three calculator containers running (calc-0..calc-2); the service
                selects them by label and hands each request to the next replica (RoundRobin).""");
        s.apply("demos/replicated-service.yaml");
        s.get("rs,svc");
        int requests = 12;
        Map<String, Long> before = new LinkedHashMap<>();
        for (String replica : List.of("calc-0", "calc-1", "calc-2")) {
            before.put(replica, s.processed(replica));
        }
        s.say("Sending " + requests + " requests \"N * N\" to service/calc:");
        StringBuilder answers = new StringBuilder();
        for (int n = 1; n <= requests; n++) {
            answers.append(n == 1 ? "" : ", ").append(s.request("service/calc", n + " * " + n));
        }
        s.say("  replies: " + answers);
        s.await("the replicas to count all " + requests + " requests", () -> before.keySet().stream()
                .mapToLong(r -> s.processed(r) - before.get(r)).sum() >= requests);
        s.say("Requests handled per replica (from each container's live counters):");
        Table table = new Table("REPLICA", "REQUESTS");
        before.forEach((replica, was) -> table.row(replica, s.processed(replica) - was));
        table.print(s.out());
    }

    static void scaling(Stage s) {
        s.say("""
                Scaling changes one number, spec.replicas; the ReplicaSet controller creates or
                deletes containers to match, and the service's endpoints follow.""");
        s.apply("demos/scaling.yaml");
        s.get("rs");
        for (int replicas : new int[] {5, 1}) {
            s.command("scale rs/workers --replicas=" + replicas);
            s.cluster().scale("workers", replicas);
            s.awaitScaled("workers", "workers", replicas);
            s.get("rs,containers");
            s.get("svc");
        }
        s.command("request service/workers still-here");
        s.say(Values.format(s.request("service/workers", "still-here")));
    }

    static void requestResponse(Stage s) {
        s.say("""
                request() returns a CompletableFuture that completes with the worker's return value.
                The service picks the replica with the fewest queued messages (LeastLoaded). A
                worker that throws fails only that request; the caller receives the error.""");
        s.apply("demos/request-response.yaml");
        List<Object> questions = List.of("2 + 3", "10 / 3", "2 ^ 10", "sqrt 16",
                Values.parsePayload("{op: mul, a: 6, b: 7}"), "1 / 0", "7 % 3");
        for (Object q : questions) {
            s.command("request service/calculator " + Values.format(q));
            try {
                s.say("  = " + Values.format(s.request("service/calculator", q)));
            } catch (RuntimeException e) {
                s.say("  error: " + Errors.describe(e));
            }
        }
        s.say("The replica that failed on 1 / 0 kept running; the last question was answered after it.");
        s.get("containers -o wide");
    }
}
