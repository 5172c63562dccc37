package io.conversa.core.channel.whatsapp;

import static io.conversa.core.db.jooq.Tables.MEDIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.db.jooq.tables.records.MediaRecord;
import io.conversa.core.support.ApiClient;
import io.conversa.core.support.ApiTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Customers' media is fetched through the (simulated) Cloud API media endpoint, within limits. */
@ApiTest
class MediaTest {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    ApiClient api;
    String number;
    UUID channel;
    String webhookUrl;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        var owner = api.signup("Media");
        number = String.valueOf(400_000_000_000L + (long) (Math.random() * 100_000_000_000L));
        var created = owner.connectSimulatedChannel(number, "media-secret");
        channel = UUID.fromString(created.path("id").asString());
        webhookUrl = created.path("webhookUrl").asString();
    }

    @Test
    void anImageIsFetchedAndStored() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        String mediaId = upload("image/png", png);

        sendImage(mediaId, "image/png");

        MediaRecord stored = awaitFinished(mediaId);
        assertThat(stored.getStatus()).isEqualTo("DOWNLOADED");
        assertThat(stored.getContent()).isEqualTo(png);
        assertThat(stored.getMimeType()).isEqualTo("image/png");
        assertThat(stored.getSize()).isEqualTo(png.length);
    }

    @Test
    void transientFailuresOfTheMediaEndpointAreRetried() {
        byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.UTF_8);
        String mediaId = api.post("/simulator/media", Map.of("mimeType", "application/pdf",
                "contentBase64", Base64.getEncoder().encodeToString(pdf), "failFirst", 2)).json().path("id").asString();

        sendImage(mediaId, "application/pdf");

        MediaRecord stored = awaitFinished(mediaId);
        assertThat(stored.getStatus()).isEqualTo("DOWNLOADED");
        assertThat(stored.getContent()).isEqualTo(pdf);
        assertThat(stored.getAttempts()).as("two HTTP 500s, then the download").isEqualTo(2);
    }

    @Test
    void aTypeOutsideTheListIsRefused() {
        String mediaId = upload("application/x-msdownload", new byte[] {'M', 'Z'});

        sendImage(mediaId, "application/x-msdownload");

        MediaRecord stored = awaitFinished(mediaId);
        assertThat(stored.getStatus()).isEqualTo("FAILED");
        assertThat(stored.getError()).isEqualTo("The type application/x-msdownload is not accepted");
        assertThat(stored.getContent()).isNull();
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        String mediaId = upload("application/pdf", new byte[1_500_000]);

        sendImage(mediaId, "application/pdf");

        MediaRecord stored = awaitFinished(mediaId);
        assertThat(stored.getStatus()).isEqualTo("FAILED");
        assertThat(stored.getError()).startsWith("The file is larger than the limit");
        assertThat(stored.getSize()).isEqualTo(1_500_000);
    }

    private String upload(String mimeType, byte[] content) {
        return api.post("/simulator/media", Map.of("mimeType", mimeType, "contentBase64", Base64.getEncoder().encodeToString(content)))
                .json().path("id").asString();
    }

    private void sendImage(String mediaId, String mimeType) {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + number + "\"},"
                + "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"wamid." + UUID.randomUUID() + "\",\"timestamp\":\"1749416383\","
                + "\"type\":\"document\",\"document\":{\"id\":\"" + mediaId + "\",\"mime_type\":\"" + mimeType + "\"}}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        var response = api.send(HttpRequest.newBuilder(URI.create(webhookUrl)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header(WebhookSignature.HEADER, WebhookSignature.sign(body, "media-secret")));
        assertThat(response.status()).isEqualTo(200);
    }

    private MediaRecord awaitFinished(String mediaId) {
        return await().until(() -> dsl.selectFrom(MEDIA).where(MEDIA.CHANNEL_ID.eq(channel), MEDIA.WA_MEDIA_ID.eq(mediaId)).fetchOne(),
                media -> media != null && !media.getStatus().equals("PENDING"));
    }
}
