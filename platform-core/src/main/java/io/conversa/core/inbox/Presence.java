package io.conversa.core.inbox;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Who is in the inbox: a member with it open is {@code ONLINE} (and takes automatically assigned
 * conversations) or {@code AWAY}. The inbox renews it every half minute; a member not seen for
 * {@link #TIMEOUT} (a closed laptop, a process gone) counts as offline without anyone saying so.
 */
@Service
public class Presence {

    public static final Duration RENEW = Duration.ofSeconds(30);
    static final Duration TIMEOUT = RENEW.multipliedBy(3);
    private static final Set<String> STATUSES = Set.of("ONLINE", "AWAY");

    private final Transactions transactions;
    private final PresenceRepository presence;
    private final Clock clock;

    Presence(Transactions transactions, PresenceRepository presence, Clock clock) {
        this.transactions = transactions;
        this.presence = presence;
        this.clock = clock;
    }

    /** Sets (or renews) the calling member's presence. */
    public void set(Caller caller, String status) {
        if (!STATUSES.contains(status)) {
            throw Problems.invalid("status", "presence.status");
        }
        if (caller.userId() == null) {
            throw Problems.invalid("status", "presence.api-key");
        }
        transactions.inTenant(caller.tenantId(), () -> {
            presence.set(caller.tenantId(), caller.userId(), status, OffsetDateTime.now(clock));
            return null;
        });
    }

    /** The calling member left the inbox. */
    public void leave(Caller caller) {
        if (caller.userId() != null) {
            transactions.inTenant(caller.tenantId(), () -> {
                presence.remove(caller.tenantId(), caller.userId());
                return null;
            });
        }
    }

    /** The members in the inbox now. */
    public List<MemberPresence> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(),
                () -> presence.present(caller.tenantId(), OffsetDateTime.now(clock).minus(TIMEOUT)));
    }
}
