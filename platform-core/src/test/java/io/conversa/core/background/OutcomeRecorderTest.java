package io.conversa.core.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The retry rules; {@code DatabaseOutageTest} shows them against a PostgreSQL that really goes away. */
class OutcomeRecorderTest {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final OutcomeRecorder recorder = new OutcomeRecorder("test", running::get);
    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void anOutcomeIsWrittenAgainUntilTheDatabaseTakesItAndTheWorkerWaitsMeanwhile() {
        AtomicBoolean waitedMeanwhile = new AtomicBoolean();
        String stored = recorder.record(() -> {
            if (tries.incrementAndGet() < 3) {
                throw tries.get() == 1 ? new CannotCreateTransactionException("Connection refused")
                        : new DataAccessResourceFailureException("An I/O error occurred while sending to the backend");
            }
            waitedMeanwhile.set(recorder.waiting());
            return "stored";
        });
        assertThat(stored).isEqualTo("stored");
        assertThat(tries).hasValue(3);
        assertThat(waitedMeanwhile).isTrue();
        assertThat(recorder.waiting()).isFalse();
    }

    @Test
    void anyOtherFailureIsTheCallersAtOnce() {
        assertThatThrownBy(() -> recorder.record(() -> {
            tries.incrementAndGet();
            throw new DuplicateKeyException("outbox_pkey");
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(tries).hasValue(1);
        assertThat(recorder.waiting()).isFalse();
    }

    @Test
    void aStoppingWorkerGivesUpWithTheDatabasesFailure() {
        assertThatThrownBy(() -> recorder.record(() -> {
            if (tries.incrementAndGet() == 2) {
                running.set(false);
            }
            throw new CannotCreateTransactionException("Connection refused");
        })).isInstanceOf(CannotCreateTransactionException.class);
        assertThat(tries).hasValue(2);
        assertThat(recorder.waiting()).isFalse();
    }
}
