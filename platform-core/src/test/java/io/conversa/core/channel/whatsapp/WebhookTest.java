package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.EVENTS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static io.conversa.core.db.jooq.Tables.MESSAGE_STATUSES;
import static io.conversa.core.db.jooq.Tables.OUTBOX;
import static io.conversa.core.db.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real-format Cloud API deliveries, signed as Meta signs them, against the running endpoint. */
@ApiTest
class WebhookTest {

    static final String APP_SECRET = "4f3c2b1a-app-secret";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    ApiClient.Session owner;
    String phoneNumberId;
    UUID channel;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.signup("Webhooks");
        phoneNumberId = String.valueOf(106540352242922L + (long) (Math.random() * 1_000_000));
        channel = owner.connectChannel(phoneNumberId, APP_SECRET);
    }

    @Test
    void theVerificationHandshakeAnswersTheChallengeOnlyForTheRightToken() {
        var ok = api.get("/webhooks/whatsapp/" + channel + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
        var wrong = api.get("/webhooks/whatsapp/" + channel + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        var unknown = api.get("/webhooks/whatsapp/" + UUID.randomUUID() + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndNothingStored() {
        byte[] body = envelope("all-message-types.json");

        assertThat(post(body, null).status()).isEqualTo(401);
        assertThat(post(body, WebhookSignature.sign(body, "not-the-secret")).status()).isEqualTo(401);
        assertThat(post(body, "sha256=zz").status()).isEqualTo(401);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel))).isZero();
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isZero();
    }

    @Test
    void aDeliveryPastTheBodyLimitIsRefusedWithTheLimitAndNothingStored() {
        String padding = "x".repeat(1024 * 1024);
        byte[] body = delivery(change(phoneNumberId, message("16505551234", "wamid.big", padding)));

        var response = post(body, WebhookSignature.sign(body, APP_SECRET));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).isEqualTo("The request body is larger than the limit of 1048576 bytes.");
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel))).isZero();
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isZero();
    }

    @Test
    void aCallbackUrlThatNamesNoChannelAnswersLikeABadSignatureAndOtherPathsAreNotCallbacks() {
        byte[] body = delivery(change(phoneNumberId, message("16505551234", "wamid.nowhere", "hi")));
        String signature = WebhookSignature.sign(body, APP_SECRET);

        assertThat(postTo("/webhooks/whatsapp/not-a-channel-id", body, signature).status()).isEqualTo(401);
        assertThat(postTo("/webhooks/whatsapp/" + UUID.randomUUID(), body, signature).status()).isEqualTo(401);
        assertThat(postTo("/webhooks/whatsapp/" + channel + "/more", body, signature).status()).isEqualTo(404);
        assertThat(postTo("/webhooks/whatsapp/", body, signature).status()).isEqualTo(404);
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isZero();
    }

    @Test
    void deliveriesAreCountedInTheRequestMetricsUnderTheirCallbackUrl() {
        byte[] body = delivery(change(phoneNumberId, message("16505551234", "wamid." + UUID.randomUUID(), "hi")));
        post(body);
        assertThat(post(body, "sha256=zz").status()).isEqualTo(401);

        String scraped = api.get("/actuator/prometheus").body();
        assertThat(scraped).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"200\"[^}]*"
                + "uri=\"/webhooks/whatsapp/\\{channelId}\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/webhooks/whatsapp/\\{channelId}\"");
    }

    @Test
    void aRotatedAppSecretTakesEffectAtOnceAndADisconnectedNumberIsRefused() {
        byte[] body = envelope("all-message-types.json");
        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        assertThat(owner.patch("/api/v1/channels/" + channel, Map.of("appSecret", "rotated-secret")).status()).isEqualTo(200);

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(401);
        assertThat(post(body, WebhookSignature.sign(body, "rotated-secret")).status()).isEqualTo(200);
        assertThat(owner.delete("/api/v1/channels/" + channel).status()).isEqualTo(204);
        assertThat(post(body, WebhookSignature.sign(body, "rotated-secret")).status()).isEqualTo(401);
    }

    @Test
    void everyMessageTypeIsStoredAsTheCloudApiSentIt() {
        byte[] body = envelope("all-message-types.json");

        var response = post(body, WebhookSignature.sign(body, APP_SECRET));

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> stored = dsl.select(INBOX.EXTERNAL_ID, INBOX.PAYLOAD).from(INBOX)
                .join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                .where(CONVERSATIONS.CHANNEL_ID.eq(channel))
                .fetchMap(r -> r.value1().substring("wamid:".length()), r -> JSON.readTree(r.value2().data()));
        assertThat(stored).hasSize(19);
        assertThat(stored.get("wamid.text").path("text").asString()).isEqualTo("Does it come in another color?");
        assertThat(stored.get("wamid.reply").path("attributes").path("context").path("id").asString()).isEqualTo("wamid.sent-earlier");
        assertThat(stored.get("wamid.image").path("text").asString()).isEqualTo("This one");
        assertThat(stored.get("wamid.image").path("attributes").path("media").path("id").asString()).isEqualTo("1003383421387256");
        assertThat(stored.get("wamid.voice").path("attributes").path("media").path("voice").asBoolean()).isTrue();
        assertThat(stored.get("wamid.video").path("type").asString()).isEqualTo("video");
        assertThat(stored.get("wamid.document").path("attributes").path("media").path("filename").asString()).isEqualTo("invoice.pdf");
        assertThat(stored.get("wamid.sticker").path("attributes").path("media").path("mime_type").asString()).isEqualTo("image/webp");
        assertThat(stored.get("wamid.location").path("attributes").path("location").path("latitude").asDouble()).isEqualTo(37.483307);
        assertThat(stored.get("wamid.contacts").path("attributes").path("contacts").get(0).path("name").path("formatted_name").asString())
                .isEqualTo("Barbara J. Johnson");
        assertThat(stored.get("wamid.button-reply").path("replyId").asString()).isEqualTo("order");
        assertThat(stored.get("wamid.button-reply").path("replyTitle").asString()).isEqualTo("Order now");
        assertThat(stored.get("wamid.list-reply").path("replyId").asString()).isEqualTo("margherita");
        assertThat(stored.get("wamid.list-reply").path("attributes").path("replyDescription").asString()).isEqualTo("Tomato, mozzarella");
        assertThat(stored.get("wamid.flow-reply").path("attributes").path("flowResponse").path("size").asString()).isEqualTo("large");
        assertThat(stored.get("wamid.quick-reply").path("replyId").asString()).isEqualTo("STOP_PROMOTIONS");
        assertThat(stored.get("wamid.reaction").path("attributes").path("reaction").path("emoji").asString()).isEqualTo("\uD83D\uDC4D");
        assertThat(stored.get("wamid.order").path("attributes").path("order").path("product_items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(stored.get("wamid.system").path("attributes").path("system").path("new_wa_id").asString()).isEqualTo("16505559999");
        assertThat(stored.get("wamid.referral").path("attributes").path("referral").path("source_type").asString()).isEqualTo("ad");
        assertThat(stored.get("wamid.unsupported").path("attributes").path("errors").get(0).path("code").asInt()).isEqualTo(131051);
        assertThat(stored.get("wamid.future").path("attributes").path("hologram").path("shape").asString()).isEqualTo("sphere");

        await().until(() -> dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()).and(INBOX.PROCESSED_AT.isNull())) == 0);
        var conversation = dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel), CONVERSATIONS.WA_ID.eq("16505551234")).fetchSingle();
        assertThat(JSON.readTree(conversation.getContact().data()).path("name").asString()).isEqualTo("Sheena Nelson");
    }

    @Test
    void aRedeliveryOfTheSameEnvelopeStoresNothingNew() {
        byte[] body = envelope("all-message-types.json");
        String signature = WebhookSignature.sign(body, APP_SECRET);

        assertThat(post(body, signature).status()).isEqualTo(200);
        int inbox = dsl.fetchCount(INBOX);
        assertThat(post(body, signature).status()).isEqualTo(200);

        assertThat(dsl.fetchCount(INBOX)).isEqualTo(inbox);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel))).isEqualTo(2);
    }

    @Test
    void deliveriesArrivingTogetherAreEachStoredOnceAndEachNewMessageAnnouncedOnce() throws Exception {
        // 10 customers, new to the number, write 3 messages each; Meta delivers every message twice, all at once.
        List<byte[]> bodies = new ArrayList<>();
        for (int customer = 0; customer < 10; customer++) {
            for (int m = 0; m < 3; m++) {
                bodies.add(delivery(change(phoneNumberId, message("4917000000" + customer, "wamid.together-" + channel + "-" + customer
                        + "-" + m, "message " + m))));
            }
        }
        List<byte[]> twice = new ArrayList<>(bodies);
        twice.addAll(bodies);
        Collections.shuffle(twice);

        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = twice.stream().map(body -> senders.submit(() -> post(body, WebhookSignature.sign(body,
                    APP_SECRET)).status())).toList();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        assertThat(dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.CHANNEL_ID.eq(channel))).isEqualTo(10);
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isEqualTo(30);
        assertThat(dsl.fetchCount(EVENTS, EVENTS.TENANT_ID.eq(owner.tenantId()), EVENTS.TYPE.eq("message.received"))).isEqualTo(30);
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel))).isEqualTo(60);
    }

    @Test
    void statusesAreStoredWithErrorCodesAndPricing() {
        byte[] body = envelope("statuses.json");

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);
        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        var statuses = dsl.selectFrom(MESSAGE_STATUSES).where(MESSAGE_STATUSES.CHANNEL_ID.eq(channel)).fetch();
        assertThat(statuses).extracting(r -> r.getWaMessageId() + " " + r.getStatus())
                .containsExactlyInAnyOrder("wamid.out-1 sent", "wamid.out-1 delivered", "wamid.out-1 read", "wamid.out-2 failed");
        var failed = statuses.stream().filter(r -> r.getStatus().equals("failed")).findFirst().orElseThrow();
        assertThat(JSON.readTree(failed.getErrors().data()).get(0).path("code").asInt()).isEqualTo(131047);
        var sent = statuses.stream().filter(r -> r.getStatus().equals("sent")).findFirst().orElseThrow();
        assertThat(JSON.readTree(sent.getPricing().data()).path("category").asString()).isEqualTo("service");
    }

    @Test
    void statusesMoveSentMessagesForwardOrToFailedWithTheCloudApisErrorAndNeverBack() {
        byte[] customer = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + phoneNumberId + "\"},"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.in-" + UUID.randomUUID() + "\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);
        post(customer);
        UUID conversation = dsl.select(CONVERSATIONS.ID).from(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel))
                .fetchOne(CONVERSATIONS.ID);
        for (String waMessageId : List.of("wamid.out-1", "wamid.out-2")) {
            dsl.insertInto(OUTBOX).set(OUTBOX.TENANT_ID, owner.tenantId()).set(OUTBOX.CONVERSATION_ID, conversation)
                    .set(OUTBOX.IDEMPOTENCY_KEY, "send:" + UUID.randomUUID()).set(OUTBOX.KIND, "MESSAGE")
                    .set(OUTBOX.MESSAGE, JSONB.valueOf("{\"type\": \"text\", \"body\": \"Hello\"}"))
                    .set(OUTBOX.STATUS, "SENT").set(OUTBOX.WA_MESSAGE_ID, waMessageId).execute();
        }

        post(envelope("statuses.json"));
        // Meta delivers out of order: a late "delivered" must not take a read message back.
        post(new String(envelope("statuses.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"status\": \"read\"", "\"status\": \"delivered\"").getBytes(StandardCharsets.UTF_8));

        assertThat(dsl.select(OUTBOX.WA_MESSAGE_ID, OUTBOX.STATUS, OUTBOX.ERROR_CODE, OUTBOX.ERROR_MESSAGE).from(OUTBOX)
                .where(OUTBOX.CONVERSATION_ID.eq(conversation)).orderBy(OUTBOX.ID)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4()))
                .containsExactly("wamid.out-1 READ null null", "wamid.out-2 FAILED 131047 Re-engagement message");
        assertThat(dsl.select(EVENTS.DATA).from(EVENTS).where(EVENTS.TENANT_ID.eq(owner.tenantId()), EVENTS.TYPE.eq("message.status"))
                .orderBy(EVENTS.ID).fetch(r -> JSON.readTree(r.value1().data()).path("status").asString()))
                .containsExactly("DELIVERED", "READ", "FAILED");
    }

    @Test
    void aMalformedEnvelopeIsRefusedWithTheReasonAndKeptForInspection() {
        byte[] body = """
                {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
                 "value": {"metadata": {"phone_number_id": "%s"},
                           "messages": [{"from": "16505551234", "id": "wamid.ok", "timestamp": "1", "type": "text", "text": {"body": "ok"}},
                                        {"from": "16505551234", "timestamp": "2", "type": "text", "text": {"body": "no id"}}]}}]}]}
                """.formatted(phoneNumberId).getBytes(StandardCharsets.UTF_8);

        var response = post(body, WebhookSignature.sign(body, APP_SECRET));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).isEqualTo("entry[0].changes[0].value.messages[1].id is missing");
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isZero();
        assertThat(dsl.select(WEBHOOK_DELIVERIES.ERROR).from(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.CHANNEL_ID.eq(channel))
                .fetchSingle().value1()).contains("messages[1].id is missing");
    }

    @Test
    void anEntryForANumberConversaDoesNotServeIsSkippedAndTheRestOfTheBatchKept() {
        byte[] body = delivery(change("999999999", message("4915100000001", "wamid.elsewhere-" + UUID.randomUUID(), "not ours")),
                change(phoneNumberId, message("4915100000002", "wamid.ours-" + UUID.randomUUID(), "ours")));

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        assertThat(texts(channel)).containsExactly("ours");
        assertThat(dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.TENANT_ID.eq(owner.tenantId()))).isEqualTo(1);
    }

    @Test
    void eachEntryGoesToTheChannelOfItsNumberSignedByTheSameApp() {
        String second = String.valueOf(Long.parseLong(phoneNumberId) + 1);
        UUID secondChannel = owner.connectChannel(second, APP_SECRET);
        // Another tenant connected the same phone number id with another app: the signature tells them apart.
        UUID impostor = api.signup("Impostor").connectChannel(second, "another-app-secret");
        byte[] body = delivery(change(phoneNumberId, message("4915100000003", "wamid.first-" + UUID.randomUUID(), "to the first")),
                change(second, message("4915100000004", "wamid.second-" + UUID.randomUUID(), "to the second")));

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        assertThat(texts(channel)).containsExactly("to the first");
        assertThat(texts(secondChannel)).containsExactly("to the second");
        assertThat(texts(impostor)).isEmpty();
    }

    @Test
    void oneDeliveryForNumbersOfTwoTenantsOnTheSameAppStoresEachTenantsMessage() {
        // A partner's Meta app serving two businesses, each a tenant of its own.
        String second = String.valueOf(Long.parseLong(phoneNumberId) + 3);
        UUID otherTenantsChannel = api.signup("Same app").connectChannel(second, APP_SECRET);
        byte[] body = delivery(change(phoneNumberId, message("4915100000008", "wamid.mine-" + UUID.randomUUID(), "mine")),
                change(second, message("4915100000009", "wamid.theirs-" + UUID.randomUUID(), "theirs")));

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        assertThat(texts(channel)).containsExactly("mine");
        assertThat(texts(otherTenantsChannel)).containsExactly("theirs");
        assertThat(dsl.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.CHANNEL_ID.in(channel, otherTenantsChannel)))
                .as("the raw body kept for each tenant").isEqualTo(2);
    }

    @Test
    void theAppsWebhookUrlServesEveryNumberOfTheApp() {
        String appId = String.valueOf(700_000_000_000L + (long) (Math.random() * 1_000_000));
        assertThat(owner.patch("/api/v1/channels/" + channel, Map.of("appId", appId)).status()).isEqualTo(200);
        String second = String.valueOf(Long.parseLong(phoneNumberId) + 2);
        var created = owner.post("/api/v1/channels", Map.of("name", "Second", "phoneNumberId", second, "wabaId", "102290129340398",
                "accessToken", "EAAG-test-token", "appSecret", APP_SECRET, "verifyToken", "verify-me", "appId", appId));
        UUID secondChannel = UUID.fromString(created.json().path("id").asString());
        String appUrl = created.json().path("appWebhookUrl").asString();
        assertThat(appUrl).endsWith("/webhooks/whatsapp/apps/" + appId);

        var handshake = api.get("/webhooks/whatsapp/apps/" + appId + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42");
        var wrongToken = api.get("/webhooks/whatsapp/apps/" + appId + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42");
        assertThat(handshake.status()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("42");
        assertThat(wrongToken.status()).isEqualTo(403);

        byte[] body = delivery(change(phoneNumberId, message("4915100000005", "wamid.app-1-" + UUID.randomUUID(), "one")),
                change(second, message("4915100000006", "wamid.app-2-" + UUID.randomUUID(), "two")),
                change("888888888", message("4915100000007", "wamid.app-3-" + UUID.randomUUID(), "nobody's")));
        assertThat(postTo("/webhooks/whatsapp/apps/" + appId, body, WebhookSignature.sign(body, "not-the-secret")).status()).isEqualTo(401);
        assertThat(postTo("/webhooks/whatsapp/apps/" + appId, body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        assertThat(texts(channel)).containsExactly("one");
        assertThat(texts(secondChannel)).containsExactly("two");
        assertThat(postTo("/webhooks/whatsapp/apps/123456789", body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(401);
    }

    @Test
    void aCustomerWithAUsernameAndNoPhoneNumberIsAcceptedAndKeyedByTheirUserId() {
        byte[] body = delivery("""
                {"field": "messages", "value": {"messaging_product": "whatsapp",
                  "metadata": {"display_phone_number": "15550001111", "phone_number_id": "%s"},
                  "contacts": [{"profile": {"name": "Ada", "username": "ada.lovelace"}, "user_id": "US.13491208655302741918",
                                "country_code": "US"}],
                  "messages": [{"from": "", "from_user_id": "US.13491208655302741918", "id": "wamid.bsuid-%s",
                                "timestamp": "1775000000", "type": "text", "text": {"body": "hi, no phone"}}],
                  "statuses": [{"id": "wamid.out-bsuid", "status": "delivered", "timestamp": "1775000001",
                                "recipient_id": "", "recipient_user_id": "US.13491208655302741918"}]}}
                """.formatted(phoneNumberId, UUID.randomUUID()));

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        var conversation = dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel)).fetchSingle();
        assertThat(conversation.getWaId()).isEqualTo("US.13491208655302741918");
        assertThat(conversation.getUserId()).isEqualTo("US.13491208655302741918");
        assertThat(dsl.select(MESSAGE_STATUSES.RECIPIENT_ID).from(MESSAGE_STATUSES).where(MESSAGE_STATUSES.CHANNEL_ID.eq(channel))
                .fetchSingle().value1()).isEqualTo("US.13491208655302741918");
        await().untilAsserted(() -> assertThat(JSON.readTree(dsl.select(CONVERSATIONS.CONTACT).from(CONVERSATIONS)
                .where(CONVERSATIONS.ID.eq(conversation.getId())).fetchSingle().value1().data()).path("username").asString())
                .isEqualTo("ada.lovelace"));
    }

    @Test
    void whenAUsernameCustomersPhoneNumberBecomesKnownTheirConversationsBecomeOne() {
        String userId = "BR.1502576394655843";
        String phone = "5511987654321";
        post(userOnly(userId, "first, by username"));
        post(delivery(change(phoneNumberId, message(phone, "wamid.phone-" + UUID.randomUUID(), "second, by phone"))));
        assertThat(dsl.fetchCount(CONVERSATIONS, CONVERSATIONS.CHANNEL_ID.eq(channel))).isEqualTo(2);

        post(delivery("""
                {"field": "messages", "value": {"metadata": {"phone_number_id": "%s"},
                  "contacts": [{"profile": {"name": "Bia"}, "wa_id": "%s", "user_id": "%s"}],
                  "messages": [{"from": "%s", "from_user_id": "%s", "id": "wamid.both-%s", "timestamp": "1775000100",
                                "type": "text", "text": {"body": "third, with both"}}]}}
                """.formatted(phoneNumberId, phone, userId, phone, userId, UUID.randomUUID())));
        post(userOnly(userId, "fourth, by username again"));

        var conversation = dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel)).fetchSingle();
        assertThat(conversation.getWaId()).isEqualTo(phone);
        assertThat(conversation.getUserId()).isEqualTo(userId);
        assertThat(texts(channel)).containsExactlyInAnyOrder("first, by username", "second, by phone", "third, with both",
                "fourth, by username again");
    }

    @Test
    void aUsernameCustomerWhosePhoneNumberTurnsUpKeepsTheirConversation() {
        String userId = "DE.88812345";
        post(userOnly(userId, "hello"));
        UUID before = dsl.select(CONVERSATIONS.ID).from(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel)).fetchSingle().value1();

        post(delivery("""
                {"field": "messages", "value": {"metadata": {"phone_number_id": "%s"},
                  "contacts": [{"profile": {"name": "Udo"}, "wa_id": "4917612345678", "user_id": "%s"}],
                  "messages": [{"from": "4917612345678", "from_user_id": "%s", "id": "wamid.turns-up-%s", "timestamp": "1775000200",
                                "type": "text", "text": {"body": "now with my number"}}]}}
                """.formatted(phoneNumberId, userId, userId, UUID.randomUUID())));

        var conversation = dsl.selectFrom(CONVERSATIONS).where(CONVERSATIONS.CHANNEL_ID.eq(channel)).fetchSingle();
        assertThat(conversation.getId()).isEqualTo(before);
        assertThat(conversation.getWaId()).isEqualTo("4917612345678");
    }

    @Test
    void aMessageNamingNoSenderIsRefusedWithWhereItIs() {
        byte[] body = delivery("""
                {"field": "messages", "value": {"metadata": {"phone_number_id": "%s"},
                  "messages": [{"from": "", "id": "wamid.nobody", "timestamp": "1775000000", "type": "text", "text": {"body": "?"}}]}}
                """.formatted(phoneNumberId));

        var response = post(body, WebhookSignature.sign(body, APP_SECRET));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString())
                .isEqualTo("entry[0].changes[0].value.messages[0] names no sender: from and from_user_id are both missing");
        assertThat(dsl.fetchCount(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()))).isZero();
    }

    @Test
    void aCustomersMessageReachesTheFlowAndItsAnswerTheOutbox() {
        String flow = owner.post("/api/v1/flows", """
                {"name": "Hello", "start": "hi", "nodes": [{"id": "hi", "type": "message",
                  "data": {"message": {"type": "text", "body": "Hello {{contact.name}}, you said: {{message.text}}"}}}],
                 "triggers": {"defaultFlow": true}}
                """).json().path("flow").path("id").asString();
        owner.post("/api/v1/flows/" + flow + "/publish", "");
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + phoneNumberId + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Ada\"},\"wa_id\":\"4915112345678\"}],"
                + "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"wamid.hi-" + UUID.randomUUID() + "\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi there\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);

        await().untilAsserted(() -> assertThat(dsl.select(OUTBOX.MESSAGE).from(OUTBOX).join(CONVERSATIONS)
                .on(CONVERSATIONS.ID.eq(OUTBOX.CONVERSATION_ID)).where(CONVERSATIONS.CHANNEL_ID.eq(channel), OUTBOX.KIND.eq("MESSAGE"))
                .fetch(r -> JSON.readTree(r.value1().data()).path("body").asString()))
                .containsExactly("Hello Ada, you said: hi there"));
    }

    private ApiClient.Response post(byte[] body, String signature) {
        return postTo("/webhooks/whatsapp/" + channel, body, signature);
    }

    /** Posts a delivery signed with the app secret; it must be accepted. */
    private void post(byte[] body) {
        assertThat(post(body, WebhookSignature.sign(body, APP_SECRET)).status()).isEqualTo(200);
    }

    private ApiClient.Response postTo(String path, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return api.send(request);
    }

    /** The texts of the customers' messages stored for a channel. */
    private List<String> texts(UUID channelId) {
        return dsl.select(INBOX.PAYLOAD).from(INBOX).join(CONVERSATIONS).on(CONVERSATIONS.ID.eq(INBOX.CONVERSATION_ID))
                .where(CONVERSATIONS.CHANNEL_ID.eq(channelId)).orderBy(INBOX.ID)
                .fetch(r -> JSON.readTree(r.value1().data()).path("text").asString());
    }

    private byte[] userOnly(String userId, String text) {
        return delivery("""
                {"field": "messages", "value": {"metadata": {"phone_number_id": "%s"},
                  "contacts": [{"profile": {"name": "Bia", "username": "bia"}, "user_id": "%s"}],
                  "messages": [{"from": "", "from_user_id": "%s", "id": "wamid.user-%s", "timestamp": "1775000000",
                                "type": "text", "text": {"body": "%s"}}]}}
                """.formatted(phoneNumberId, userId, userId, UUID.randomUUID(), text));
    }

    /** A delivery of one entry per change, as Meta batches them. */
    private static byte[] delivery(String... changes) {
        return ("{\"object\": \"whatsapp_business_account\", \"entry\": ["
                + Arrays.stream(changes).map(c -> "{\"id\": \"102290129340398\", \"changes\": [" + c + "]}").collect(Collectors.joining(","))
                + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String change(String phoneNumberId, String message) {
        return """
                {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "%s"},
                  "messages": [%s]}}""".formatted(phoneNumberId, message);
    }

    private static String message(String from, String id, String text) {
        return """
                {"from": "%s", "id": "%s", "timestamp": "1775000000", "type": "text", "text": {"body": "%s"}}""".formatted(from, id, text);
    }

    private byte[] envelope(String name) {
        try (var in = WebhookTest.class.getResourceAsStream("/webhooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PHONE_NUMBER_ID", phoneNumberId)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
