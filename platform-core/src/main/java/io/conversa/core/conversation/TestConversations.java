package io.conversa.core.conversation;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.channel.whatsapp.Channel;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.NewChannel;
import io.conversa.core.db.Transactions;
import io.conversa.core.flow.FlowService;
import io.conversa.core.security.Caller;
import io.conversa.core.simulator.CloudApiSimulator;
import io.conversa.core.simulator.SimulatedChannels;
import io.conversa.core.web.Problems;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The flow builder's test chats: a person tests a flow's draft as a customer would, through the
 * real pipeline (webhook, inbox, engine, outbox, sender) on a test number of the tenant's on the
 * in-app Cloud API simulator. Each member is their own test customer; starting a test freezes the
 * draft as a test version and ends the test conversation's running session, so the next message
 * starts the draft afresh.
 */
@Service
public class TestConversations {

    /** Where a test chat runs: the conversation, the test number and the test customer. */
    public record TestChat(UUID flowId, UUID conversationId, String phoneNumberId, String waId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ClientInfo BUILDER = new ClientInfo("127.0.0.1", "conversa-flow-builder");

    private final Transactions transactions;
    private final ConversationRepository conversations;
    private final SessionRepository sessions;
    private final ConversationService conversationService;
    private final FlowService flows;
    private final ChannelService channels;
    private final ObjectProvider<CloudApiSimulator> simulator;
    private final ObjectProvider<SimulatedChannels> simulatedChannels;
    private final Clock clock;
    private final ConversationEvents conversationEvents;

    TestConversations(Transactions transactions, ConversationRepository conversations, SessionRepository sessions,
            ConversationService conversationService, FlowService flows, ChannelService channels,
            ObjectProvider<CloudApiSimulator> simulator, ObjectProvider<SimulatedChannels> simulatedChannels, Clock clock,
            ConversationEvents conversationEvents) {
        this.conversationEvents = conversationEvents;
        this.transactions = transactions;
        this.conversations = conversations;
        this.sessions = sessions;
        this.conversationService = conversationService;
        this.flows = flows;
        this.channels = channels;
        this.simulator = simulator;
        this.simulatedChannels = simulatedChannels;
        this.clock = clock;
    }

    public boolean available() {
        return simulator.getIfAvailable() != null;
    }

    /** Starts (or restarts) the caller's test of the flow's current draft; refuses a draft with problems. */
    public TestChat start(Caller caller, UUID flowId) {
        cloudApi(); // refuses at once when the simulator is off
        int version = flows.freezeForTest(caller, flowId);
        Channel channel = testNumber(caller);
        String waId = testCustomer(caller);
        UUID conversationId = transactions.inTenant(caller.tenantId(), () -> {
            UUID id = conversations.findOrCreate(caller.tenantId(), channel.id(), Customer.ofPhone(waId, null));
            conversations.testOn(id, flowId, version);
            sessions.active(id).ifPresent(session -> conversationEvents.sessionEnded(
                    sessions.end(session.getId(), "RESTARTED", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))));
            return id;
        });
        return new TestChat(flowId, conversationId, channel.phoneNumberId(), waId);
    }

    /** The test customer writes a text. */
    public void say(TestChat chat, String text) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("type", "text");
        content.put("text", Map.of("body", text));
        write(chat, content);
    }

    /** The test customer taps a reply button, or picks a list row. */
    public void tap(TestChat chat, String id, String title, boolean listRow) {
        String kind = listRow ? "list_reply" : "button_reply";
        write(chat, Map.of("type", "interactive", "interactive", Map.of("type", kind, kind, Map.of("id", id, "title", title))));
    }

    /** The test customer shares a location. */
    public void shareLocation(TestChat chat, double latitude, double longitude, String name) {
        write(chat, Map.of("type", "location", "location", Map.of("latitude", latitude, "longitude", longitude, "name", name)));
    }

    /** The chat so far, oldest first. */
    public List<MessageView> messages(Caller caller, TestChat chat) {
        return conversationService.messages(caller, chat.conversationId(), 200).reversed();
    }

    /** Where the test stands: the session's node and variables. */
    public ConversationView state(Caller caller, TestChat chat) {
        return conversationService.get(caller, chat.conversationId());
    }

    private void write(TestChat chat, Map<String, Object> content) {
        int status = cloudApi().customerWrites(chat.phoneNumberId(), chat.waId(), "Test customer", content);
        if (status / 100 != 2) {
            throw Problems.problem(org.springframework.http.HttpStatus.BAD_GATEWAY, "test.not-accepted", status);
        }
    }

    private CloudApiSimulator cloudApi() {
        CloudApiSimulator cloudApi = simulator.getIfAvailable();
        if (cloudApi == null) {
            throw Problems.conflict("test.simulator-off");
        }
        return cloudApi;
    }

    /** The tenant's test number on the in-app simulator (created on first use), attached to this process. */
    /** The tenant's test number on the built-in simulator, connected the first time it is asked for. */
    public Channel testNumber(Caller caller) {
        SimulatedChannels simulated = simulatedChannels.getObject();
        String phoneNumberId = "19" + String.format("%013d", Math.floorMod(caller.tenantId().getMostSignificantBits(), 10_000_000_000_000L));
        Channel channel = channels.list(caller, simulated.baseUrl()).stream()
                .filter(c -> c.phoneNumberId().equals(phoneNumberId)).findFirst()
                .orElseGet(() -> channels.create(caller, new NewChannel("Test number (simulator)", phoneNumberId,
                        phoneNumberId, "+1 555 0100 TEST", null, "simulator-access-token", randomSecret(), "simulator-verify-token",
                        simulated.graphApiUrl(), null, null, null), simulated.baseUrl(), BUILDER));
        return simulated.attach(caller, channel, BUILDER);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String testCustomer(Caller caller) {
        UUID who = caller.userId() != null ? caller.userId() : caller.apiKeyId();
        return "1999" + String.format("%08d", Math.floorMod(who.getLeastSignificantBits(), 100_000_000L));
    }
}
