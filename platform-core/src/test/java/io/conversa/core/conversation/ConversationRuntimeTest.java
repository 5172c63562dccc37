package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.SESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.core.support.OutboxTexts;
import io.conversa.core.support.TestFlows;
import io.conversa.engine.Event.InboundMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The runtime on a real PostgreSQL: order, idempotency, durable timers and crash safety. */
@ApiTest
class ConversationRuntimeTest {

    static final String ECHO_FLOW = """
            {"name": "Echo", "start": "ask", "nodes": [
               {"id": "ask", "type": "question", "data": {"prompt": {"type": "text", "body": "Say something"}, "variable": "said"}},
               {"id": "echo", "type": "message", "data": {"message": {"type": "text", "body": "You said {{said}}"}}},
               {"id": "again", "type": "jump", "data": {"nodeId": "ask"}}],
             "edges": [{"id": "1", "source": "ask", "target": "echo"}, {"id": "2", "source": "echo", "target": "again"}],
             "triggers": {"keywords": ["echo"]}}
            """;

    static final String LATER_FLOW = """
            {"name": "Later", "start": "wait", "nodes": [
               {"id": "wait", "type": "message", "data": {"message": {"type": "text", "body": "Back in a moment"}}},
               {"id": "pause", "type": "delay", "data": {"seconds": 2}},
               {"id": "back", "type": "message", "data": {"message": {"type": "text", "body": "I am back"}}}],
             "edges": [{"id": "1", "source": "wait", "target": "pause"}, {"id": "2", "source": "pause", "target": "back"}],
             "triggers": {"keywords": ["later"]}}
            """;

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    ConversationProcessor processor;

    @Autowired
    ConversationWorkers workers;

    @Autowired
    TimerScheduler timers;

    @Autowired
    DSLContext dsl;

    @Autowired
    TransactionTemplate transactionTemplate;

    ApiClient.Session owner;
    UUID channel;

    @BeforeEach
    void setUp() {
        owner = new ApiClient(port).signup("Runtime Pizza");
        channel = owner.connectChannel();
        for (String flow : List.of(TestFlows.ORDER, ECHO_FLOW, LATER_FLOW)) {
            String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
            assertThat(owner.post("/api/v1/flows/" + id + "/publish", "").status()).isEqualTo(200);
        }
    }

    @Test
    void aCustomerWalksAMultiStepFlowWithValidationAndACondition() {
        UUID conversation = say("4915100000001", "Ada", "pizza").conversationId();
        awaitTexts(conversation, "Hi Ada!", "How many pizzas?");

        say("4915100000001", "Ada", "lots");
        awaitTexts(conversation, "Hi Ada!", "How many pizzas?", "Please send a number from 1 to 10.");

        say("4915100000001", "Ada", "7");
        awaitTexts(conversation, "Hi Ada!", "How many pizzas?", "Please send a number from 1 to 10.", "7 pizzas: a party!");

        await().until(() -> dsl.fetchCount(SESSIONS, SESSIONS.CONVERSATION_ID.eq(conversation).and(SESSIONS.ENDED_AT.isNotNull())) == 1);
        assertThat(dsl.select(SESSIONS.END_REASON).from(SESSIONS).where(SESSIONS.CONVERSATION_ID.eq(conversation)).fetchSingle().value1())
                .isEqualTo("COMPLETED");
        assertThat(dsl.fetch("select distinct t.entry ->> 'node' from step_log l join sessions s on s.id = l.session_id"
                        + " cross join jsonb_array_elements(l.trace) as t(entry) where s.conversation_id = ?", conversation)
                .getValues(0, String.class))
                .contains("hello", "howMany", "big", "party", "done");
    }

    @Test
    void aRedeliveredMessageIsProcessedOnce() {
        InboundMessage message = InboundMessage.text("wamid.dup-" + UUID.randomUUID(), "pizza");

        var first = inbound.receive(owner.tenantId(), channel, "4915100000002", "Bo", message);
        var again = inbound.receive(owner.tenantId(), channel, "4915100000002", "Bo", message);

        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        awaitTexts(first.conversationId(), "Hi Bo!", "How many pizzas?");
        assertThat(dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(first.conversationId()))).isEqualTo(1);
    }

    @Test
    void aFastTypingCustomerIsAnsweredInOrderWhileOthersRunInParallel() throws Exception {
        int customers = 20;
        int messages = 6;
        List<UUID> conversations = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            var futures = IntStream.range(0, customers).mapToObj(c -> pool.submit(() -> {
                String waId = "49151" + String.format("%08d", c);
                UUID conversation = say(waId, "C" + c, "echo").conversationId();
                for (int m = 1; m <= messages; m++) {
                    say(waId, "C" + c, "m" + m);
                }
                return conversation;
            })).toList();
            for (var future : futures) {
                conversations.add(future.get());
            }
        }

        List<String> expected = new ArrayList<>(List.of("Say something"));
        for (int m = 1; m <= messages; m++) {
            expected.add("You said m" + m);
            expected.add("Say something");
        }
        for (UUID conversation : conversations) {
            awaitTexts(conversation, expected.toArray(String[]::new));
        }
    }

    @Test
    void aDelayFiresAfterTheRuntimeRestarts() throws Exception {
        UUID conversation = say("4915100000003", "Cy", "later").conversationId();
        awaitTexts(conversation, "Back in a moment");

        timers.stop();
        workers.stop();
        Thread.sleep(2_500);
        assertThat(texts(conversation)).containsExactly("Back in a moment");

        workers.start();
        timers.start();
        awaitTexts(conversation, "Back in a moment", "I am back");
    }

    @Test
    void aCrashBetweenStepAndCommitNeitherLosesNorDuplicatesAMessage() {
        workers.stop();
        try {
            UUID conversation = say("4915100000004", "Di", "pizza").conversationId();

            // The step runs, writes its messages, then the transaction dies before commit.
            transactionTemplate.executeWithoutResult(status -> {
                assertThat(processor.processNext(conversation)).isTrue();
                assertThat(texts(conversation)).hasSize(2);
                status.setRollbackOnly();
            });
            assertThat(texts(conversation)).isEmpty();
            assertThat(dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(conversation).and(INBOX.PROCESSED_AT.isNull()))).isEqualTo(1);

            assertThat(processor.processNext(conversation)).isTrue();
            assertThat(processor.processNext(conversation)).isFalse();
            assertThat(texts(conversation)).containsExactly("Hi Di!", "How many pizzas?");
        } finally {
            workers.start();
        }
    }

    @Test
    void sessionsEndedAndBegunByOneBatchAreWrittenInTheirOrder() {
        workers.stop();
        try {
            UUID conversation = say("4915100000009", "Ida", "pizza").conversationId();
            assertThat(processor.processNext(conversation)).isTrue();
            // One batch: the stored session ends, another begins, is restarted, and a third begins and goes on.
            for (String text : List.of("3", "pizza", "restart", "echo", "hi")) {
                say("4915100000009", "Ida", text);
            }
            assertThat(processor.processNext(conversation)).isTrue();
            assertThat(processor.processNext(conversation)).isFalse();

            assertThat(texts(conversation)).containsExactly("Hi Ida!", "How many pizzas?", "3 pizzas coming.", "Hi Ida!",
                    "How many pizzas?", "Say something", "You said hi", "Say something");
            assertThat(dsl.select(SESSIONS.END_REASON).from(SESSIONS).where(SESSIONS.CONVERSATION_ID.eq(conversation))
                    .orderBy(SESSIONS.STARTED_AT, SESSIONS.ENDED_AT.asc().nullsLast()).fetch(SESSIONS.END_REASON))
                    .containsExactly("COMPLETED", "RESTARTED", null);
        } finally {
            workers.start();
        }
    }

    @Test
    void oneBatchRecordsEveryMessageOnTheConversationInOrder() {
        workers.stop();
        try {
            UUID conversation = say("4915100000010", "Jo", "hello?").conversationId();
            assertThat(processor.processNext(conversation)).isTrue();
            dsl.update(CONVERSATIONS).set(CONVERSATIONS.STATUS, "CLOSED").set(CONVERSATIONS.CLOSED_AT, OffsetDateTime.now())
                    .set(CONVERSATIONS.UNREAD, 0).where(CONVERSATIONS.ID.eq(conversation)).execute();
            long eventsBefore = dsl.fetchCount(EVENTS, EVENTS.CONVERSATION_ID.eq(conversation));
            // One batch: a new profile name, an opt-out keyword, a later one, and a message after them.
            say("4915100000010", "Joana", "what?");
            say("4915100000010", "Joana", " stop ");
            say("4915100000010", "Jo Ana", "sair");
            say("4915100000010", "Jo Ana", "pizza");
            OffsetDateTime firstKeyword = dsl.select(INBOX.RECEIVED_AT).from(INBOX)
                    .where(INBOX.CONVERSATION_ID.eq(conversation), INBOX.PAYLOAD.cast(String.class).contains(" stop "))
                    .fetchSingle().value1();
            assertThat(processor.processNext(conversation)).isTrue();

            var stored = dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.ID.eq(conversation)).fetchSingle();
            assertThat(stored.getStatus()).isEqualTo("OPEN");
            assertThat(stored.getClosedAt()).isNull();
            assertThat(stored.getUnread()).isEqualTo(4);
            var contact = JsonMapper.builder().build().readTree(stored.getContact().data());
            assertThat(contact.path("name").asString()).isEqualTo("Jo Ana");
            assertThat(OffsetDateTime.parse(contact.path("optedOutAt").asString()).toInstant()).isEqualTo(firstKeyword.toInstant());
            assertThat(stored.getLastInboundAt()).isEqualTo(dsl.select(DSL.max(INBOX.RECEIVED_AT)).from(INBOX)
                    .where(INBOX.CONVERSATION_ID.eq(conversation)).fetchSingle().value1());
            // The step saw the contact as the batch left it: the name of the last message.
            assertThat(texts(conversation)).endsWith("Hi Jo Ana!", "How many pizzas?");
            assertThat(dsl.select(EVENTS.TYPE).from(EVENTS).where(EVENTS.CONVERSATION_ID.eq(conversation))
                    .orderBy(EVENTS.ID).offset(eventsBefore).fetch(EVENTS.TYPE))
                    .containsSubsequence("conversation.reopened", "contact.updated")
                    .containsOnlyOnce("conversation.reopened", "contact.updated");
        } finally {
            workers.start();
        }
    }

    @Test
    void conversationsProcessedTogetherAreHeldBackByNoneThatFails() {
        workers.stop();
        try {
            UUID first = say("4915100000006", "Fa", "pizza").conversationId();
            UUID broken = say("4915100000007", "Gu", "pizza").conversationId();
            // An event no worker can read: its conversation fails whenever it is processed.
            dsl.insertInto(INBOX).set(INBOX.TENANT_ID, owner.tenantId()).set(INBOX.CONVERSATION_ID, broken)
                    .set(INBOX.EXTERNAL_ID, "broken:" + UUID.randomUUID()).set(INBOX.KIND, "NO_SUCH_KIND")
                    .set(INBOX.PAYLOAD, JSONB.valueOf("{}")).execute();
            UUID last = say("4915100000008", "Hu", "pizza").conversationId();
            try {
                processor.processAnyWaiting();

                awaitTexts(first, "Hi Fa!", "How many pizzas?");
                awaitTexts(last, "Hi Hu!", "How many pizzas?");
                // Nothing of the failing conversation committed, and its events wait for a retry.
                assertThat(texts(broken)).isEmpty();
                assertThat(dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(broken).and(INBOX.PROCESSED_AT.isNull()))).isEqualTo(2);
            } finally {
                dsl.deleteFrom(INBOX).where(INBOX.KIND.eq("NO_SUCH_KIND")).execute();
            }
        } finally {
            workers.start();
        }
    }

    @Test
    void theRestartKeywordStartsOverAndUnknownTextStartsNothing() {
        UUID conversation = say("4915100000005", "Ed", "hello?").conversationId();
        await().until(() -> dsl.fetchCount(INBOX, INBOX.CONVERSATION_ID.eq(conversation).and(INBOX.OUTCOME.eq("NO_FLOW"))) == 1);
        assertThat(texts(conversation)).isEmpty();

        say("4915100000005", "Ed", "pizza");
        awaitTexts(conversation, "Hi Ed!", "How many pizzas?");
        say("4915100000005", "Ed", "restart");
        say("4915100000005", "Ed", "echo");
        awaitTexts(conversation, "Hi Ed!", "How many pizzas?", "Say something");
        assertThat(dsl.select(SESSIONS.END_REASON).from(SESSIONS).where(SESSIONS.CONVERSATION_ID.eq(conversation),
                SESSIONS.END_REASON.isNotNull()).fetch(SESSIONS.END_REASON)).containsExactly("RESTARTED");
    }

    private InboundService.Received say(String waId, String name, String text) {
        return inbound.receive(owner.tenantId(), channel, waId, name, InboundMessage.text("wamid." + UUID.randomUUID(), text));
    }

    private void awaitTexts(UUID conversation, String... expected) {
        OutboxTexts.await(dsl, conversation, expected);
    }

    private List<String> texts(UUID conversation) {
        return OutboxTexts.of(dsl, conversation);
    }
}
