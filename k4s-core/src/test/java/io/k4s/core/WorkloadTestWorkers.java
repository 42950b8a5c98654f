package io.k4s.core;

import io.k4s.api.Message;
import io.k4s.api.Worker;
import io.k4s.api.WorkerContext;
import io.k4s.api.WorkerType;

/** Workers the workload tests run; registered in the test services file. */
final class WorkloadTestWorkers {

    private WorkloadTestWorkers() {}

    /**
     * Runs until told: a Job's container that ends its run with the result "finished" when it is
     * sent {@code "finish"}, and answers anything else with "running".
     */
    @WorkerType(value = "until-told", description = "runs until sent \"finish\", then exits with \"finished\"")
    public static final class UntilToldWorker implements Worker {
        @Override
        public Object handle(Message message, WorkerContext context) {
            if ("finish".equals(message.payload())) {
                context.exit("finished");
                return "finishing";
            }
            return "running";
        }
    }
}
