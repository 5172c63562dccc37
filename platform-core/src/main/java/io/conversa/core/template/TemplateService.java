package io.conversa.core.template;

import io.conversa.core.channel.whatsapp.BusinessAccount;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.TemplateStatusUpdate;
import io.conversa.core.db.Transactions;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import io.conversa.engine.message.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * The message templates of a number's business account: a copy synced from the Graph API, kept
 * current by Meta's review webhooks, and the check that a template message can be sent (it
 * exists, is approved, and gets as many parameters as it has placeholders).
 */
@Service
public class TemplateService implements TemplateStatusUpdate.Listener {

    private final Transactions transactions;
    private final ChannelService channels;
    private final TemplateRepository templates;
    private final TemplateGraphClient graph;
    private final IdempotencyKeys idempotency;
    private final EventLog events;

    TemplateService(Transactions transactions, ChannelService channels, TemplateRepository templates, TemplateGraphClient graph,
            IdempotencyKeys idempotency, EventLog events) {
        this.transactions = transactions;
        this.channels = channels;
        this.templates = templates;
        this.graph = graph;
        this.idempotency = idempotency;
        this.events = events;
    }

    /** The number's templates, synced first if they never were. */
    public List<MessageTemplate> list(Caller caller, UUID channelId) {
        BusinessAccount account = channels.businessAccount(caller, channelId);
        List<MessageTemplate> stored = transactions.inTenant(caller.tenantId(), () -> templates.list(caller.tenantId(), account.wabaId()));
        return stored.isEmpty() ? sync(caller, account) : stored;
    }

    /**
     * The approved templates of every number the tenant connected, one per name and language (for
     * the flow builder, whose flows run on any number); numbers whose Graph API cannot be asked are skipped.
     */
    public List<MessageTemplate> approved(Caller caller) {
        Map<String, MessageTemplate> approved = new LinkedHashMap<>();
        for (var channel : channels.list(caller, "")) {
            try {
                list(caller, channel.id()).stream().filter(MessageTemplate::approved)
                        .forEach(t -> approved.putIfAbsent(t.name() + "/" + t.language(), t));
            } catch (ErrorResponseException e) {
                // an unreachable or refusing Graph API: that number's templates are not offered
            }
        }
        return List.copyOf(approved.values());
    }

    /** Replaces the copy with what the Graph API lists now. */
    public List<MessageTemplate> sync(Caller caller, UUID channelId) {
        return sync(caller, channels.businessAccount(caller, channelId));
    }

    private List<MessageTemplate> sync(Caller caller, BusinessAccount account) {
        List<GraphTemplate> current = graph.list(account);
        return transactions.inTenant(caller.tenantId(), () -> {
            current.forEach(t -> templates.save(caller.tenantId(), account.wabaId(), t));
            templates.removeOthers(caller.tenantId(), account.wabaId(), current.stream().map(GraphTemplate::id).toList());
            return templates.list(caller.tenantId(), account.wabaId());
        });
    }

    /** Submits a template for Meta's review; its status follows by webhook. Once per idempotency key. */
    public IdempotencyKeys.Outcome<MessageTemplate> create(Caller caller, UUID channelId, NewTemplate request, String idempotencyKey) {
        if (MessageTemplate.text(request.components(), "BODY") == null) {
            throw Problems.invalid("components", "template.body-required");
        }
        BusinessAccount account = channels.businessAccount(caller, channelId);
        return transactions.inTenant(caller.tenantId(), () -> idempotency.once(caller.tenantId(), idempotencyKey,
                "POST templates " + channelId + " " + request, MessageTemplate.class, () -> {
                    if (templates.find(caller.tenantId(), account.wabaId(), request.name(), request.language()).isPresent()) {
                        throw Problems.conflict("template.exists", request.name(), request.language());
                    }
                    return templates.save(caller.tenantId(), account.wabaId(), graph.create(account, request));
                }));
    }

    /** Deletes the template, in every language, from the business account. */
    public void delete(Caller caller, UUID channelId, String name) {
        BusinessAccount account = channels.businessAccount(caller, channelId);
        graph.delete(account, name);
        transactions.inTenant(caller.tenantId(), () -> templates.removeByName(caller.tenantId(), account.wabaId(), name));
    }

    /**
     * Refuses, with the reason, a template message that Meta would refuse: unknown on the
     * number's account (after a sync), not approved, or with the wrong number of parameters.
     */
    public void checkSendable(Caller caller, UUID channelId, Template message) {
        BusinessAccount account = channels.businessAccount(caller, channelId);
        Optional<MessageTemplate> found = find(caller, account, message);
        if (found.isEmpty()) {
            sync(caller, account);
            found = find(caller, account, message);
        }
        MessageTemplate template = found.orElseThrow(() -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                "template.not-found", message.name(), message.language(), approvedNames(caller, account)));
        if (!template.approved()) {
            throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "template.not-approved", template.name(),
                    template.language(), template.status() + (template.rejectedReason() == null ? "" : " (" + template.rejectedReason() + ")"));
        }
        checkParameters("header", template.headerParameters(), message);
        checkParameters("body", template.bodyParameters(), message);
    }

    private Optional<MessageTemplate> find(Caller caller, BusinessAccount account, Template message) {
        return transactions.inTenant(caller.tenantId(), () ->
                templates.find(caller.tenantId(), account.wabaId(), message.name(), message.language()));
    }

    private String approvedNames(Caller caller, BusinessAccount account) {
        String names = transactions.inTenant(caller.tenantId(), () -> templates.list(caller.tenantId(), account.wabaId())).stream()
                .filter(MessageTemplate::approved).map(t -> t.name() + " (" + t.language() + ")").collect(Collectors.joining(", "));
        return names.isEmpty() ? "no approved templates" : "these approved ones: " + names;
    }

    private static void checkParameters(String type, List<String> placeholders, Template message) {
        int given = message.components().stream().filter(c -> type.equalsIgnoreCase(String.valueOf(c.get("type"))))
                .mapToInt(c -> c.get("parameters") instanceof List<?> parameters ? parameters.size() : 0).sum();
        if (given != placeholders.size()) {
            throw Problems.invalid("components", "template.parameters", type, message.name(), placeholders.size(),
                    String.join(", ", placeholders.stream().map(p -> "{{" + p + "}}").toList()), given);
        }
    }

    @Override
    public void apply(UUID tenantId, TemplateStatusUpdate update) {
        templates.review(tenantId, update.wabaId(), update.templateId(), update.event(), update.reason()).ifPresent(template -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("wabaId", update.wabaId());
            data.put("templateId", template.waTemplateId());
            data.put("name", template.name());
            data.put("language", template.language());
            data.put("status", template.status());
            data.put("reason", update.reason());
            events.record(tenantId, EventType.TEMPLATE_STATUS, null, data);
        });
    }
}
