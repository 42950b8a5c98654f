package io.k4s.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k4s.api.Address;
import io.k4s.api.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static DeadLetter letter(int n) {
        return new DeadLetter(Address.container("default", "w-0"), null, n, "test", null, Instant.EPOCH);
    }

    @Test
    void recent_keepsTheNewestUpToTheHistoryAndCountsAll() {
        DeadLetters letters = new DeadLetters(3);
        for (int i = 0; i < 5; i++) {
            letters.record(letter(i));
        }

        assertEquals(5, letters.count());
        assertEquals(List.of(2, 3, 4), letters.recent().stream().map(DeadLetter::payload).toList());
    }

    @Test
    void noHistory_stillCounts() {
        DeadLetters letters = new DeadLetters(0);
        letters.record(letter(1));

        assertEquals(1, letters.count());
        assertEquals(List.of(), letters.recent());
    }

    @Test
    void listeners_hearEveryLetterUntilTheyUnsubscribe_andAFailingOneHarmsNoOther() throws Exception {
        DeadLetters letters = new DeadLetters(10);
        List<Object> heard = new ArrayList<>();
        letters.subscribe(l -> {
            throw new IllegalStateException("listener bug");
        });
        AutoCloseable subscription = letters.subscribe(l -> heard.add(l.payload()));

        letters.record(letter(1));
        subscription.close();
        letters.record(letter(2));

        assertEquals(List.of(1), heard);
        assertEquals(2, letters.count());
    }

    @Test
    void listenerThrowingAnError_isIsolated_theRecorderAndTheOtherListenersGoOn() {
        DeadLetters letters = new DeadLetters(10);
        List<Object> heard = new ArrayList<>();
        letters.subscribe(l -> {
            throw new StackOverflowError("listener bug");
        });
        letters.subscribe(l -> heard.add(l.payload()));

        letters.record(letter(1));
        letters.record(letter(2));

        assertEquals(List.of(1, 2), heard);
        assertEquals(2, letters.count());
    }
}
