package io.conversa.core.event;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tells readers in every process that a tenant's events were committed. Only a hint to read
 * sooner: readers also look on their own, so a lost notice delays, never loses, an event.
 */
public interface EventNotifier {

    void committed(UUID tenantId);

    /** @return what stops the listening (a screen that closes stops hearing) */
    Runnable listen(Consumer<UUID> listener);
}
