package io.conversa.core.businesshours;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.cluster.CacheInvalidation;
import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each number's business hours: kept by its owners and admins, read by the runtime for
 * {@code {{business.open}}} and the live chat's away message (cached per number, dropped on every
 * process when they change).
 */
@Service
public class BusinessHoursService {

    private static final String CACHE = "business-hours";

    private final Transactions transactions;
    private final BusinessHoursRepository repository;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final CacheInvalidation invalidation;
    private final Cache<UUID, Optional<BusinessHours>> cache = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    BusinessHoursService(Transactions transactions, BusinessHoursRepository repository, AuditLog auditLog, JsonMapper json,
            CacheInvalidation invalidation) {
        this.transactions = transactions;
        this.repository = repository;
        this.auditLog = auditLog;
        this.json = json;
        this.invalidation = invalidation;
        invalidation.listen(CACHE, key -> cache.invalidate(UUID.fromString(key)));
    }

    /** The number's hours; empty when it has none (always open). */
    public Optional<BusinessHours> get(Caller caller, UUID channelId) {
        return transactions.inTenant(caller.tenantId(), () -> repository.find(caller.tenantId(), channelId)
                .orElseThrow(() -> unknown(channelId)).map(this::parse));
    }

    public BusinessHours set(Caller caller, UUID channelId, BusinessHours hours, ClientInfo client) {
        BusinessHours valid = hours.validated();
        save(caller, channelId, json.writeValueAsString(valid), client);
        return valid;
    }

    /** Always open again. */
    public void clear(Caller caller, UUID channelId, ClientInfo client) {
        save(caller, channelId, null, client);
    }

    /** Whether the number's business is open at {@code at} (always, without hours). Runs in the caller's transaction. */
    public boolean isOpen(UUID channelId, Instant at) {
        return hours(channelId).map(hours -> hours.isOpen(at)).orElse(true);
    }

    /**
     * The away message to answer a customer with at {@code now}: when the business is closed, has
     * one, and has not answered with it in this closed spell ({@code lastReplied}: when it last did).
     */
    public Optional<String> awayReply(UUID channelId, Instant lastReplied, Instant now) {
        return hours(channelId).filter(hours -> hours.away() != null && !hours.isOpen(now))
                .filter(hours -> lastReplied == null || hours.openedBetween(lastReplied, now))
                .map(BusinessHours::away);
    }

    private Optional<BusinessHours> hours(UUID channelId) {
        return cache.get(channelId, id -> repository.of(id).map(this::parse));
    }

    private void save(Caller caller, UUID channelId, String hours, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            if (!repository.set(caller.tenantId(), channelId, hours == null ? null : JSONB.valueOf(hours))) {
                throw unknown(channelId);
            }
            auditLog.record(caller, AuditAction.CHANNEL_UPDATED, channelId.toString(), client, Map.of("businessHours", hours != null));
            invalidation.afterCommit(CACHE, channelId.toString());
            return null;
        });
    }

    private BusinessHours parse(JSONB hours) {
        return json.readValue(hours.data(), BusinessHours.class);
    }

    private static RuntimeException unknown(UUID channelId) {
        return Problems.notFound("channel.not-found", channelId);
    }
}
