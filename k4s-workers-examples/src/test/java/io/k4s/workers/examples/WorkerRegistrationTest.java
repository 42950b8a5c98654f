package io.k4s.workers.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.k4s.api.Worker;
import io.k4s.api.WorkerType;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WorkerRegistrationTest {

    @Test
    void serviceLoader_findsTheSixWorkersByTypeName() {
        List<String> names = ServiceLoader.load(Worker.class).stream()
                .map(p -> p.type().getAnnotation(WorkerType.class).value())
                .toList();
        assertEquals(List.of("echo", "processor", "aggregator", "generator", "calculator", "primes"), names);
    }

    @Test
    void everyWorker_hasADescriptionAndANewInstancePerContainer() {
        for (ServiceLoader.Provider<Worker> provider : ServiceLoader.load(Worker.class).stream().toList()) {
            WorkerType type = provider.type().getAnnotation(WorkerType.class);
            assertFalse(type.description().isBlank(), provider.type() + " has no description");
            assertNotSame(provider.get(), provider.get(), provider.type() + " must be a new instance each time");
        }
    }
}
