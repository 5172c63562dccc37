package io.conversa.core.contact;

import static io.conversa.core.db.jooq.Tables.CHANNELS;
import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MEDIA;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.TENANTS;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_ATTEMPTS;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;

import io.conversa.core.db.jooq.tables.records.ConversationsRecord;
import io.conversa.core.web.Page;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Contacts are the {@code contact} documents of conversations; always read within the caller's tenant. */
@Repository
class ContactRepository {

    private final DSLContext dsl;
    private final JsonMapper json;

    ContactRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** Newest first, after the position when given; one more than {@code limit} if there are. */
    List<Contact> page(UUID tenantId, ContactFilter filter, Page.Position after, int limit) {
        Condition condition = matching(tenantId, filter);
        if (after != null) {
            condition = condition.and(DSL.row(CONVERSATIONS.CREATED_AT, CONVERSATIONS.ID).lt(after.at(), after.id()));
        }
        return dsl.selectFrom(CONVERSATIONS).where(condition)
                .orderBy(CONVERSATIONS.CREATED_AT.desc(), CONVERSATIONS.ID.desc())
                .limit(limit + 1)
                .fetch(this::contact);
    }

    /** Every matching contact, streamed (an export); close the stream. */
    Stream<Contact> all(UUID tenantId, ContactFilter filter) {
        return dsl.selectFrom(CONVERSATIONS).where(matching(tenantId, filter))
                .orderBy(CONVERSATIONS.CREATED_AT, CONVERSATIONS.ID)
                .fetchSize(500)
                .stream().map(this::contact);
    }

    /** The attribute names the matching contacts use, sorted: an export's columns. */
    List<String> attributeNames(UUID tenantId, ContactFilter filter) {
        var name = DSL.field("jsonb_object_keys(coalesce({0}->'attributes', '{}'::jsonb))", String.class, CONVERSATIONS.CONTACT);
        return dsl.selectDistinct(name.as("name")).from(CONVERSATIONS).where(matching(tenantId, filter))
                .orderBy(DSL.field(DSL.name("name"))).fetch(0, String.class);
    }

    private Condition matching(UUID tenantId, ContactFilter filter) {
        Condition condition = CONVERSATIONS.TENANT_ID.eq(tenantId);
        if (filter.channelId() != null) {
            condition = condition.and(CONVERSATIONS.CHANNEL_ID.eq(filter.channelId()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String like = "%" + filter.search().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            condition = condition.and(DSL.field("{0}->>'name'", String.class, CONVERSATIONS.CONTACT).likeIgnoreCase(like)
                    .or(CONVERSATIONS.WA_ID.like(like.replace("+", ""))));
        }
        if (!filter.tags().isEmpty()) {
            condition = condition.and(contains(Map.of("tags", filter.tags())));
        }
        if (!filter.attributes().isEmpty()) {
            condition = condition.and(contains(Map.of("attributes", filter.attributes())));
        }
        if (filter.optedOut() != null) {
            Condition optedOut = DSL.condition("jsonb_exists({0}, 'optedOutAt')", CONVERSATIONS.CONTACT);
            condition = condition.and(filter.optedOut() ? optedOut : optedOut.not());
        }
        return condition;
    }

    private Condition contains(Map<String, ?> document) {
        return DSL.condition("{0} @> {1}", CONVERSATIONS.CONTACT, DSL.val(jsonb(document)));
    }

    Optional<Contact> find(UUID tenantId, UUID id) {
        return dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id))
                .fetchOptional(this::contact);
    }

    /** Locks the contact's row: changes are read, merged and written one at a time. */
    Optional<Map<String, Object>> lockDocument(UUID tenantId, UUID id) {
        return dsl.select(CONVERSATIONS.CONTACT).from(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id))
                .forUpdate().fetchOptional(r -> document(r.value1()));
    }

    Optional<UUID> findByWaId(UUID tenantId, UUID channelId, String waId) {
        return dsl.select(CONVERSATIONS.ID).from(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.CHANNEL_ID.eq(channelId), CONVERSATIONS.WA_ID.eq(waId))
                .fetchOptional(CONVERSATIONS.ID);
    }

    boolean channelExists(UUID tenantId, UUID channelId) {
        return dsl.fetchExists(CHANNELS, CHANNELS.TENANT_ID.eq(tenantId), CHANNELS.ID.eq(channelId));
    }

    /** Adds a contact; empty if the number already has one for this phone. */
    Optional<UUID> insert(UUID tenantId, UUID channelId, String waId, Map<String, Object> document) {
        return dsl.insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, UUID.randomUUID())
                .set(CONVERSATIONS.TENANT_ID, tenantId)
                .set(CONVERSATIONS.CHANNEL_ID, channelId)
                .set(CONVERSATIONS.WA_ID, waId)
                .set(CONVERSATIONS.CONTACT, jsonb(document))
                .onConflictDoNothing()
                .returning(CONVERSATIONS.ID)
                .fetchOptional(CONVERSATIONS.ID);
    }

    void save(UUID tenantId, UUID id, Map<String, Object> document) {
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.CONTACT, jsonb(document))
                .where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(id)).execute();
    }

    /**
     * Erases the contact and everything said with them: the conversation with its messages,
     * sessions, notes and timers; the media they sent; the statuses, raw webhooks, events and
     * webhook deliveries that name them.
     */
    boolean erase(UUID tenantId, Contact contact) {
        var eventIds = DSL.select(EVENTS.EVENT_ID).from(EVENTS)
                .where(EVENTS.TENANT_ID.eq(tenantId), EVENTS.CONVERSATION_ID.eq(contact.id()));
        dsl.deleteFrom(WEBHOOK_ATTEMPTS).where(WEBHOOK_ATTEMPTS.TENANT_ID.eq(tenantId), WEBHOOK_ATTEMPTS.EVENT_ID.in(eventIds))
                .execute();
        dsl.deleteFrom(EVENTS).where(EVENTS.TENANT_ID.eq(tenantId), EVENTS.CONVERSATION_ID.eq(contact.id())).execute();
        dsl.deleteFrom(MEDIA).where(MEDIA.TENANT_ID.eq(tenantId), MEDIA.CHANNEL_ID.eq(contact.channelId()),
                MEDIA.WA_MEDIA_ID.in(DSL.select(DSL.field("{0}->'attributes'->'media'->>'id'", String.class, INBOX.PAYLOAD))
                        .from(INBOX).where(INBOX.CONVERSATION_ID.eq(contact.id())))).execute();
        dsl.deleteFrom(MESSAGE_STATUSES).where(MESSAGE_STATUSES.TENANT_ID.eq(tenantId),
                MESSAGE_STATUSES.CHANNEL_ID.eq(contact.channelId()), MESSAGE_STATUSES.RECIPIENT_ID.eq(contact.waId())).execute();
        dsl.deleteFrom(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.TENANT_ID.eq(tenantId),
                WEBHOOK_DELIVERIES.CHANNEL_ID.eq(contact.channelId()),
                DSL.position(WEBHOOK_DELIVERIES.BODY, "\"" + contact.waId() + "\"").gt(0)).execute();
        return dsl.deleteFrom(CONVERSATIONS).where(CONVERSATIONS.TENANT_ID.eq(tenantId), CONVERSATIONS.ID.eq(contact.id()))
                .execute() == 1;
    }

    List<String> optOutKeywords(UUID tenantId) {
        return List.of(dsl.select(TENANTS.OPT_OUT_KEYWORDS).from(TENANTS).where(TENANTS.ID.eq(tenantId)).fetchSingle().value1());
    }

    void setOptOutKeywords(UUID tenantId, List<String> keywords) {
        dsl.update(TENANTS).set(TENANTS.OPT_OUT_KEYWORDS, keywords.toArray(String[]::new)).where(TENANTS.ID.eq(tenantId)).execute();
    }

    private Contact contact(ConversationsRecord r) {
        Map<String, Object> document = document(r.getContact());
        Map<String, String> attributes = new LinkedHashMap<>();
        if (document.get("attributes") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> attributes.put(String.valueOf(name), String.valueOf(value)));
        }
        List<String> tags = new ArrayList<>();
        if (document.get("tags") instanceof List<?> list) {
            list.forEach(tag -> tags.add(String.valueOf(tag)));
        }
        return new Contact(r.getId(), r.getChannelId(), r.getWaId(), text(document, "phone"), text(document, "userId"),
                text(document, "name"), text(document, "username"), tags, attributes,
                document.get("optedOutAt") instanceof String at ? OffsetDateTime.parse(at) : null, r.getCreatedAt(),
                r.getLastInboundAt());
    }

    private static String text(Map<String, Object> document, String name) {
        return document.get(name) instanceof String text ? text : null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(JSONB jsonb) {
        return jsonb == null ? new LinkedHashMap<>() : json.readValue(jsonb.data(), LinkedHashMap.class);
    }

    private JSONB jsonb(Object document) {
        return JSONB.valueOf(json.writeValueAsString(document));
    }
}
