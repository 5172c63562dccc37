package io.conversa.core.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Threads that drain the inbox. Each looks for conversations with waiting events and processes
 * them one event at a time; the conversation's row lock keeps every conversation on one worker
 * (of any node) at a time, so its events run strictly in order while different conversations
 * run in parallel. New events wake a worker at once; polling finds the rest (other nodes' events,
 * fired timers).
 */
@Component
public class ConversationWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConversationWorkers.class);

    private final ConversationProcessor processor;
    private final RuntimeProperties properties;
    private final Semaphore signal = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    ConversationWorkers(ConversationProcessor processor, RuntimeProperties properties) {
        this.processor = processor;
        this.properties = properties;
    }

    /** Tells idle workers there is work. */
    public void wake() {
        signal.release(properties.workers());
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            threads.add(Thread.ofVirtual().name("conversation-worker-" + i).start(this::work));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        signal.release(threads.size());
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                if (!drain()) {
                    signal.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Processing conversations failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    /** @return whether any event was processed */
    private boolean drain() {
        boolean processed = false;
        while (running && processor.processAnyWaiting()) {
            processed = true;
        }
        return processed;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
