package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CHANNELS;

import io.conversa.core.db.jooq.tables.records.ChannelsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class ChannelRepository {

    private final DSLContext dsl;

    ChannelRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(ChannelsRecord channel) {
        dsl.executeInsert(channel);
    }

    List<ChannelsRecord> list(UUID tenantId) {
        return dsl.selectFrom(CHANNELS).where(CHANNELS.TENANT_ID.eq(tenantId)).orderBy(CHANNELS.CREATED_AT).fetch();
    }

    Optional<ChannelsRecord> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(CHANNELS).where(CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(id)).fetchOptional();
    }

    /** Across tenants: a webhook names only the channel. */
    Optional<ChannelsRecord> findAnyTenant(UUID id) {
        return dsl.selectFrom(CHANNELS).where(CHANNELS.ID.eq(id)).fetchOptional();
    }

    /** Across tenants: a webhook's change names only the phone number id. */
    List<ChannelsRecord> findByPhoneNumberId(String phoneNumberId) {
        return dsl.selectFrom(CHANNELS).where(CHANNELS.PHONE_NUMBER_ID.eq(phoneNumberId)).fetch();
    }

    /** Across tenants: the numbers of one Meta app, for its webhook URL. */
    List<ChannelsRecord> findByMetaAppId(String appId) {
        return dsl.selectFrom(CHANNELS).where(CHANNELS.META_APP_ID.eq(appId)).fetch();
    }

    void update(ChannelsRecord channel) {
        dsl.executeUpdate(channel);
    }

    boolean delete(UUID tenantId, UUID id) {
        return dsl.deleteFrom(CHANNELS).where(CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(id)).execute() == 1;
    }
}
