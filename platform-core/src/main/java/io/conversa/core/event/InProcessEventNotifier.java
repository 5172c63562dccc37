package io.conversa.core.event;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One process: notices go straight to its listeners. */
class InProcessEventNotifier implements EventNotifier {

    private final List<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void committed(UUID tenantId) {
        listeners.forEach(listener -> listener.accept(tenantId));
    }

    @Override
    public Runnable listen(Consumer<UUID> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
