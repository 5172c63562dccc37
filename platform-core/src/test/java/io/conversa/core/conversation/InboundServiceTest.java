package io.conversa.core.conversation;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.conversation.InboundService.Arrival;
import io.conversa.core.conversation.InboundService.Received;
import io.conversa.core.db.Transactions;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import io.conversa.engine.Event.InboundMessage;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Messages stored together (the deliveries that share a commit): one statement for the known customers' messages. */
@ApiTest
class InboundServiceTest {

    @LocalServerPort
    int port;

    @Autowired
    InboundService inbound;

    @Autowired
    Transactions transactions;

    @Autowired
    DSLContext dsl;

    @Test
    void messagesStoredTogetherKeepEachConversationsOrderAndARedeliveryIsStoredOnce() {
        var owner = new ApiClient(port).signup("Arrivals");
        UUID channel = owner.connectChannel();
        Customer ada = Customer.ofPhone("4915100000301", "Ada");
        Customer ben = Customer.ofPhone("4915100000302", "Ben");
        UUID adas = inbound.receive(owner.tenantId(), channel, ada.phone(), "Ada", text("wamid.a0")).conversationId();

        List<Received> received = transactions.inTenant(owner.tenantId(), () -> inbound.storeAll(owner.tenantId(), List.of(
                new Arrival(channel, ada, text("wamid.a1"), null),
                new Arrival(channel, ben, text("wamid.b1"), null), // new to the number
                new Arrival(channel, ada, text("wamid.a2"), null),
                new Arrival(channel, ada, text("wamid.a1"), null), // again, in the same group
                new Arrival(channel, ben, text("wamid.b2"), null),
                new Arrival(channel, ada, text("wamid.a0"), null)))); // stored before

        UUID bens = received.get(1).conversationId();
        assertThat(received).extracting(Received::conversationId).containsExactly(adas, bens, adas, adas, bens, adas);
        assertThat(received).extracting(Received::isNew).containsExactly(true, true, true, false, true, false);
        assertThat(externalIds(adas)).containsExactly("wamid:wamid.a0", "wamid:wamid.a1", "wamid:wamid.a2");
        assertThat(externalIds(bens)).containsExactly("wamid:wamid.b1", "wamid:wamid.b2");
        assertThat(dsl.fetchCount(EVENTS, EVENTS.TENANT_ID.eq(owner.tenantId()), EVENTS.TYPE.eq("message.received"))).isEqualTo(5);
    }

    @Test
    void aCustomerNamedByBothKeysAmongOthersIsStoredInOrderWithThem() {
        var owner = new ApiClient(port).signup("Both keys");
        UUID channel = owner.connectChannel();
        Customer ada = Customer.ofPhone("4915100000401", "Ada");
        Customer bia = new Customer("4915100000402", "BR.bia402", "Bia", "bia");
        UUID adas = inbound.receive(owner.tenantId(), channel, ada.phone(), "Ada", text("wamid.a0")).conversationId();

        List<Received> received = transactions.inTenant(owner.tenantId(), () -> inbound.storeAll(owner.tenantId(), List.of(
                new Arrival(channel, bia, text("wamid.c1"), null),
                new Arrival(channel, ada, text("wamid.a1"), null),
                new Arrival(channel, bia, text("wamid.c2"), null))));

        UUID bias = received.getFirst().conversationId();
        assertThat(received).extracting(Received::conversationId).containsExactly(bias, adas, bias);
        assertThat(received).extracting(Received::isNew).containsOnly(true);
        assertThat(externalIds(bias)).containsExactly("wamid:wamid.c1", "wamid:wamid.c2");
        assertThat(externalIds(adas)).containsExactly("wamid:wamid.a0", "wamid:wamid.a1");
    }

    @Test
    void newCustomersStoredTogetherGetOneConversationEachKeyedAsTheyAreKnown() {
        var owner = new ApiClient(port).signup("Newcomers");
        UUID channel = owner.connectChannel();
        Customer cid = Customer.ofPhone("4915100000503", "Cid");
        Customer ana = Customer.ofPhone("4915100000501", "Ana");
        Customer byUserId = new Customer(null, "BR.dora502", "Dora", null);

        List<Received> received = transactions.inTenant(owner.tenantId(), () -> inbound.storeAll(owner.tenantId(), List.of(
                new Arrival(channel, cid, text("wamid.c1"), null),
                new Arrival(channel, byUserId, text("wamid.d1"), null),
                new Arrival(channel, ana, text("wamid.a1"), null),
                new Arrival(channel, cid, text("wamid.c2"), null),
                new Arrival(channel, cid, text("wamid.c1"), null)))); // again, in the same group

        UUID cids = received.getFirst().conversationId();
        UUID doras = received.get(1).conversationId();
        UUID anas = received.get(2).conversationId();
        assertThat(Set.of(cids, doras, anas)).hasSize(3);
        assertThat(received).extracting(Received::conversationId).containsExactly(cids, doras, anas, cids, cids);
        assertThat(received).extracting(Received::isNew).containsExactly(true, true, true, true, false);
        assertThat(externalIds(cids)).containsExactly("wamid:wamid.c1", "wamid:wamid.c2");
        assertThat(dsl.select(CONVERSATIONS.WA_ID, CONVERSATIONS.USER_ID).from(CONVERSATIONS)
                .where(CONVERSATIONS.TENANT_ID.eq(owner.tenantId())).orderBy(CONVERSATIONS.WA_ID).fetch()
                .map(r -> r.value1() + "/" + r.value2()))
                .containsExactly("4915100000501/null", "4915100000503/null", "BR.dora502/BR.dora502");
        assertThat(dsl.fetchCount(EVENTS, EVENTS.TENANT_ID.eq(owner.tenantId()), EVENTS.TYPE.eq("message.received"))).isEqualTo(4);

        // Known now: a later group finds them all with the first statement.
        List<Received> later = transactions.inTenant(owner.tenantId(), () -> inbound.storeAll(owner.tenantId(), List.of(
                new Arrival(channel, byUserId, text("wamid.d2"), null), new Arrival(channel, ana, text("wamid.a2"), null))));
        assertThat(later).extracting(Received::conversationId).containsExactly(doras, anas);
        assertThat(dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.TENANT_ID.eq(owner.tenantId()))).isEqualTo(3);
    }

    private static InboundMessage text(String messageId) {
        return InboundMessage.text(messageId, "hello");
    }

    /** The conversation's stored events, in the order they are processed. */
    private List<String> externalIds(UUID conversationId) {
        return dsl.select(INBOX.EXTERNAL_ID).from(INBOX).where(INBOX.CONVERSATION_ID.eq(conversationId)).orderBy(INBOX.ID)
                .fetch(INBOX.EXTERNAL_ID);
    }
}
