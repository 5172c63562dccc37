package io.conversa.core.outreach;

import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.conversation.Customer;
import io.conversa.core.conversation.InboundService;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowService;
import io.conversa.core.flow.PublishedFlow;
import io.conversa.core.idempotency.IdempotencyKeys;
import io.conversa.core.security.Caller;
import io.conversa.core.template.TemplateService;
import io.conversa.core.web.Problems;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.message.Template;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A business-initiated conversation: a tenant's system starts a published flow for a customer.
 * It is checked as a proactive message is (opt-out; outside the 24-hour window, every first
 * message the flow can send must be an approved template) before anything is queued.
 */
@Service
class FlowStartService {

    private final Transactions transactions;
    private final ChannelService channels;
    private final FlowService flows;
    private final InboundService inbound;
    private final OutgoingMessages outgoing;
    private final TemplateService templates;
    private final IdempotencyKeys idempotency;

    FlowStartService(Transactions transactions, ChannelService channels, FlowService flows, InboundService inbound,
            OutgoingMessages outgoing, TemplateService templates, IdempotencyKeys idempotency) {
        this.transactions = transactions;
        this.channels = channels;
        this.flows = flows;
        this.inbound = inbound;
        this.outgoing = outgoing;
        this.templates = templates;
        this.idempotency = idempotency;
    }

    /** The answer to an accepted start: the conversation it runs in and the flow version. */
    record Accepted(UUID conversationId, UUID flowId, int flowVersion) {
    }

    IdempotencyKeys.Outcome<Accepted> start(Caller caller, UUID flowId, StartRequest request, String idempotencyKey) {
        Customer customer = Customer.addressedTo(request.to().strip());
        channels.get(caller, request.channelId(), "");
        PublishedFlow flow = transactions.inTenant(caller.tenantId(), () -> flows.latestPublished(caller.tenantId(), flowId))
                .orElseThrow(() -> Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "flow.unpublished", flowId));
        Map<String, OutgoingMessage> first = FirstMessages.of(flow.graph());
        first.values().stream().filter(Template.class::isInstance).map(Template.class::cast)
                .forEach(template -> templates.checkSendable(caller, request.channelId(), template));
        String freeForm = first.entrySet().stream().filter(e -> !(e.getValue() instanceof Template)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        IdempotencyKeys.Outcome<Accepted> outcome = transactions.inTenant(caller.tenantId(), () -> idempotency.once(
                caller.tenantId(), idempotencyKey, "POST /api/v1/flows/" + flowId + "/start " + request, Accepted.class, () -> {
                    UUID conversationId = inbound.conversationFor(caller.tenantId(), request.channelId(), customer);
                    OutgoingMessages.Reachability reach = outgoing.reachability(conversationId);
                    if (reach.optedOutAt() != null) {
                        throw reach.optedOut();
                    }
                    if (!reach.windowOpen() && freeForm != null) {
                        var refusal = reach.windowClosed();
                        refusal.getBody().setDetail(refusal.getBody().getDetail() + " The flow's node " + freeForm
                                + " would send a free-form message first.");
                        refusal.getBody().setProperty("nodeId", freeForm);
                        throw refusal;
                    }
                    inbound.queueStart(caller.tenantId(), conversationId, flow.flowId(), flow.version(),
                            request.variables() == null ? Map.of() : request.variables(), Boolean.TRUE.equals(request.replace()));
                    return new Accepted(conversationId, flow.flowId(), flow.version());
                }));
        inbound.wake();
        return outcome;
    }
}
