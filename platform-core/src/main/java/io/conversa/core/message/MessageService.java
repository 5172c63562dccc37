package io.conversa.core.message;

import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.conversation.Customer;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowJson;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import io.conversa.core.template.TemplateService;
import io.conversa.core.web.Problems;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Template;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a message as the sender would (WhatsApp's limits, the 24-hour window) before anything is
 * queued, then queues it in the tenant's transaction, with its idempotency key.
 */
@Service
class MessageService {


    private final Transactions transactions;
    private final ChannelService channels;
    private final OutgoingMessages outgoing;
    private final IdempotencyKeys idempotency;
    private final FlowJson flowJson;
    private final TemplateService templates;

    MessageService(Transactions transactions, ChannelService channels, OutgoingMessages outgoing, IdempotencyKeys idempotency,
            FlowJson flowJson, TemplateService templates) {
        this.templates = templates;
        this.transactions = transactions;
        this.channels = channels;
        this.outgoing = outgoing;
        this.idempotency = idempotency;
        this.flowJson = flowJson;
    }

    /** The answer to an accepted send: where to follow it. */
    record Accepted(long id, UUID conversationId, String status, String statusUrl) {
    }

    IdempotencyKeys.Outcome<Accepted> send(Caller caller, JsonNode body, String idempotencyKey) {
        if (!(body instanceof ObjectNode request)) {
            throw Problems.invalid("body", "json.not-an-object");
        }
        UUID channelId = channelId(request.path("channelId"));
        Customer customer = Customer.addressedTo(text(request, "to"));
        String replyTo = text(request, "replyTo");
        ObjectNode content = request.deepCopy();
        content.remove(List.of("channelId", "to", "replyTo"));
        OutgoingMessage message = flowJson.readValidMessage(content);
        channels.get(caller, channelId, "");
        if (message instanceof Template template) {
            templates.checkSendable(caller, channelId, template);
        }
        return transactions.inTenant(caller.tenantId(), () -> idempotency.once(caller.tenantId(), idempotencyKey,
                "POST /api/v1/messages " + body, Accepted.class, () -> {
                    OutgoingMessages.Queued queued = outgoing.queue(caller.tenantId(), channelId, customer, message, replyTo);
                    return new Accepted(queued.id(), queued.conversationId(), "PENDING", "/api/v1/messages/" + queued.id());
                }));
    }

    OutgoingMessages.Sent get(Caller caller, long id) {
        return transactions.inTenant(caller.tenantId(), () -> outgoing.find(caller.tenantId(), id))
                .orElseThrow(() -> Problems.notFound("message.not-found", id));
    }

    private static UUID channelId(JsonNode value) {
        try {
            return UUID.fromString(value.asString(""));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("channelId", "message.channel-id");
        }
    }

    private static String text(ObjectNode request, String field) {
        JsonNode value = request.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw Problems.invalid(field, "text.required");
        }
        return value.asString();
    }
}
