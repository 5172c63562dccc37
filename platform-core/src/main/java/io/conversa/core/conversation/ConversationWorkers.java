package io.conversa.core.conversation;

import io.conversa.core.background.PollingWorkers;
import org.springframework.stereotype.Component;

/**
 * Threads that drain the inbox. Each claims a conversation with waiting events and processes
 * them; the conversation's row lock keeps every conversation on one worker (of any node) at a
 * time, so its events run strictly in order while different conversations run in parallel. New
 * events wake a worker at once; polling finds the rest (other nodes' events, fired timers).
 */
@Component
public class ConversationWorkers extends PollingWorkers {

    private final ConversationProcessor processor;

    ConversationWorkers(ConversationProcessor processor, RuntimeProperties properties) {
        super("conversation-worker", properties.workers(), properties.pollInterval());
        this.processor = processor;
    }

    @Override
    protected boolean workOnce() {
        return processor.processAnyWaiting();
    }
}
