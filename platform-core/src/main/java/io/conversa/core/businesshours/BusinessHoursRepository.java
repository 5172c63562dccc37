package io.conversa.core.businesshours;

import static io.conversa.core.db.jooq.Tables.CHANNELS;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;

/** The business hours kept with each number (null: always open). */
@Repository
class BusinessHoursRepository {

    private final DSLContext dsl;

    BusinessHoursRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Empty when the tenant has no such number; holds an empty optional when the number has no hours. */
    Optional<Optional<JSONB>> find(UUID tenantId, UUID channelId) {
        return dsl.select(CHANNELS.BUSINESS_HOURS).from(CHANNELS).where(CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(channelId))
                .fetchOptional(record -> Optional.ofNullable(record.value1()));
    }

    /** Any tenant's number, for the runtime. */
    Optional<JSONB> of(UUID channelId) {
        return dsl.select(CHANNELS.BUSINESS_HOURS).from(CHANNELS).where(CHANNELS.ID.eq(channelId)).fetchOptional(CHANNELS.BUSINESS_HOURS);
    }

    boolean set(UUID tenantId, UUID channelId, JSONB hours) {
        return dsl.update(CHANNELS).set(CHANNELS.BUSINESS_HOURS, hours)
                .where(CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(channelId)).execute() == 1;
    }
}
