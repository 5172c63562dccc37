package io.conversa.core.contact;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import io.conversa.core.web.Problems;
import io.conversa.core.web.Problems.FieldError;
import java.io.Writer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The tenant's contacts: listed, added, edited, opted out and in, exported, imported and erased.
 * Every change is a {@code contact.updated} event (an erasure: {@code contact.deleted}).
 */
@Service
public class ContactService {

    static final int MAX_IMPORT_ROWS = 10_000;

    private final Transactions transactions;
    private final ContactRepository contacts;
    private final EventLog events;
    private final AuditLog auditLog;
    private final Clock clock;

    ContactService(Transactions transactions, ContactRepository contacts, EventLog events, AuditLog auditLog, Clock clock) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Newest first; {@code cursor} is the {@code next} of the page before. */
    public Page<Contact> page(Caller caller, ContactFilter filter, String cursor, int limit) {
        Page.Position after = Page.after(cursor);
        return transactions.inTenant(caller.tenantId(), () -> Page.of(contacts.page(caller.tenantId(), filter, after, limit),
                limit, contact -> new Page.Position(contact.createdAt(), contact.id())));
    }

    public Contact get(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> contacts.find(caller.tenantId(), id).orElseThrow(() -> notFound(id)));
    }

    public Contact create(Caller caller, NewContact request) {
        ContactFields fields = new ContactFields();
        String phone = fields.phone("phone", request.phone());
        fields.name("name", request.name()).tags("tags", request.tags()).attributes("attributes", request.attributes(), false);
        refuseIfInvalid(fields.errors());
        return transactions.inTenant(caller.tenantId(), () -> {
            if (!contacts.channelExists(caller.tenantId(), request.channelId())) {
                throw Problems.invalid("channelId", "contact.unknown-channel");
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("phone", phone);
            apply(document, request.name(), request.tags(), request.attributes());
            UUID id = contacts.insert(caller.tenantId(), request.channelId(), phone, document).orElseThrow(() ->
                    Problems.conflict("contact.exists", contacts.findByWaId(caller.tenantId(),
                            request.channelId(), phone).orElseThrow(), phone));
            return updated(caller, id, document);
        });
    }

    public Contact update(Caller caller, UUID id, ContactUpdate request) {
        refuseIfInvalid(new ContactFields().name("name", request.name()).tags("tags", request.tags())
                .attributes("attributes", request.attributes(), true).errors());
        return change(caller, id, document -> apply(document, request.name(), request.tags(), request.attributes()));
    }

    /** Nothing proactive (templates, messages from the API) reaches the contact until they opt in again. */
    public Contact optOut(Caller caller, UUID id) {
        return change(caller, id, document -> document.putIfAbsent("optedOutAt", OffsetDateTime.now(clock).toString()));
    }

    public Contact optIn(Caller caller, UUID id) {
        return change(caller, id, document -> document.remove("optedOutAt"));
    }

    private Contact change(Caller caller, UUID id, Consumer<Map<String, Object>> change) {
        return transactions.inTenant(caller.tenantId(), () -> {
            Map<String, Object> document = contacts.lockDocument(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            Map<String, Object> before = new LinkedHashMap<>(document);
            change.accept(document);
            if (document.equals(before)) {
                return contacts.find(caller.tenantId(), id).orElseThrow();
            }
            contacts.save(caller.tenantId(), id, document);
            return updated(caller, id, document);
        });
    }

    private Contact updated(Caller caller, UUID id, Map<String, Object> document) {
        events.record(caller.tenantId(), EventType.CONTACT_UPDATED, id, Map.of("conversationId", id, "contact", document));
        return contacts.find(caller.tenantId(), id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> document, String name, List<String> tags, Map<String, String> attributes) {
        if (name != null) {
            if (name.isBlank()) {
                document.remove("name");
            } else {
                document.put("name", name.strip());
            }
        }
        if (tags != null) {
            document.put("tags", List.copyOf(new LinkedHashSet<>(tags.stream().map(String::strip).toList())));
        }
        if (attributes != null && !attributes.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>(
                    document.get("attributes") instanceof Map<?, ?> stored ? (Map<String, Object>) stored : Map.of());
            attributes.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            document.put("attributes", merged);
        }
    }

    /**
     * A privacy request: the contact, their conversation and messages, the media they sent, and
     * every event, status and raw webhook that names them are deleted for good.
     */
    public void erase(Caller caller, UUID id, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            Contact contact = contacts.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            contacts.lockDocument(caller.tenantId(), id);
            contacts.erase(caller.tenantId(), contact);
            events.record(caller.tenantId(), EventType.CONTACT_DELETED, null, Map.of("contactId", id));
            auditLog.record(caller, AuditAction.CONTACT_ERASED, id.toString(), client, Map.of("channelId", contact.channelId()));
            return null;
        });
    }

    public void exportCsv(Caller caller, ContactFilter filter, Writer out, ClientInfo client) {
        export(caller, filter, client, "csv", contacts -> ContactCsv.write(contacts,
                this.contacts.attributeNames(caller.tenantId(), filter), out));
    }

    public void exportJson(Caller caller, ContactFilter filter, Consumer<Stream<Contact>> out, ClientInfo client) {
        export(caller, filter, client, "json", out);
    }

    private void export(Caller caller, ContactFilter filter, ClientInfo client, String format, Consumer<Stream<Contact>> out) {
        transactions.inTenant(caller.tenantId(), () -> {
            auditLog.record(caller, AuditAction.CONTACTS_EXPORTED, null, client, Map.of("format", format));
            try (Stream<Contact> all = contacts.all(caller.tenantId(), filter)) {
                out.accept(all);
            }
            return null;
        });
    }

    /** What an import did: contacts added and changed, and each refused row with its line and errors. */
    public record ImportResult(int created, int updated, int unchanged, List<RowError> errors) {
    }

    public record RowError(long line, List<FieldError> errors) {
    }

    /**
     * Adds the rows' contacts to a number, or changes those it has: a name replaces the name, tags
     * are added, attributes set. Rows with errors are reported and skipped; the others are kept.
     */
    public ImportResult importCsv(Caller caller, UUID channelId, String csv, ClientInfo client) {
        List<ContactCsv.Row> rows = ContactCsv.read(csv, MAX_IMPORT_ROWS);
        return transactions.inTenant(caller.tenantId(), () -> {
            if (!contacts.channelExists(caller.tenantId(), channelId)) {
                throw Problems.invalid("channelId", "contact.unknown-channel");
            }
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            List<RowError> errors = new ArrayList<>();
            for (ContactCsv.Row row : rows) {
                ContactFields fields = new ContactFields();
                String phone = fields.phone("phone", row.cell("phone"));
                List<String> tags = row.tags();
                fields.name("name", row.cell("name")).tags("tags", tags).attributes("attributes", row.attributes(), false);
                if (!fields.errors().isEmpty()) {
                    errors.add(new RowError(row.line(), fields.errors()));
                    continue;
                }
                Map<String, Object> fresh = new LinkedHashMap<>();
                fresh.put("phone", phone);
                apply(fresh, row.cell("name"), tags, row.attributes());
                var inserted = contacts.insert(caller.tenantId(), channelId, phone, fresh);
                if (inserted.isPresent()) {
                    created++;
                    updated(caller, inserted.get(), fresh);
                    continue;
                }
                UUID id = contacts.findByWaId(caller.tenantId(), channelId, phone).orElseThrow();
                Map<String, Object> document = contacts.lockDocument(caller.tenantId(), id).orElseThrow();
                Map<String, Object> before = new LinkedHashMap<>(document);
                List<String> allTags = null;
                if (tags != null) {
                    allTags = new ArrayList<>(document.get("tags") instanceof List<?> stored
                            ? stored.stream().map(String::valueOf).toList() : List.of());
                    allTags.addAll(tags);
                }
                apply(document, row.cell("name"), allTags, row.attributes());
                if (document.equals(before)) {
                    unchanged++;
                } else {
                    updated++;
                    contacts.save(caller.tenantId(), id, document);
                    updated(caller, id, document);
                }
            }
            auditLog.record(caller, AuditAction.CONTACTS_IMPORTED, channelId.toString(), client,
                    Map.of("created", created, "updated", updated, "refused", errors.size()));
            return new ImportResult(created, updated, unchanged, errors);
        });
    }

    public List<String> optOutKeywords(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> contacts.optOutKeywords(caller.tenantId()));
    }

    /** The texts that opt a customer out when they are the whole message (case and spaces aside). */
    public List<String> setOptOutKeywords(Caller caller, List<String> keywords, ClientInfo client) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            if (keyword == null || keyword.isBlank() || keyword.strip().length() > 30) {
                errors.add(FieldError.of("keywords[" + i + "]", "contact.keyword-length"));
            }
        }
        if (keywords.size() > 50) {
            errors.add(FieldError.of("keywords", "contact.too-many-keywords"));
        }
        refuseIfInvalid(errors);
        List<String> cleaned = List.copyOf(new LinkedHashSet<>(keywords.stream().map(k -> k.strip().toUpperCase(Locale.ROOT)).toList()));
        return transactions.inTenant(caller.tenantId(), () -> {
            contacts.setOptOutKeywords(caller.tenantId(), cleaned);
            auditLog.record(caller, AuditAction.OPT_OUT_KEYWORDS_CHANGED, null, client, Map.of("keywords", cleaned));
            return cleaned;
        });
    }

    private static void refuseIfInvalid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("contact.not-found", id);
    }
}
