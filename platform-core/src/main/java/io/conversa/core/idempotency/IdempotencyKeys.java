package io.conversa.core.idempotency;

import static io.conversa.core.db.jooq.Tables.IDEMPOTENCY_KEYS;

import io.conversa.core.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for every POST: the same key and body within 24 hours returns the first
 * answer and does nothing; the same key with another body is refused (422). Sends run it in their
 * own transaction ({@link #once}), so the key is kept exactly when the work commits and a retry
 * racing the first request waits for it on the key's row and then gets its answer; every other
 * POST goes through {@link IdempotentRequestFilter}.
 */
@Component
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final DSLContext dsl;
    private final JsonMapper json;

    IdempotencyKeys(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** What a request answered, and whether this is a replay of an earlier one. */
    public record Outcome<T>(T answer, boolean replayed) {
    }

    /**
     * @param key     the caller's key, or null to run the work without one
     * @param request what identifies the request (method, path, body): the same key with another is refused
     */
    public <T> Outcome<T> once(UUID tenantId, String key, String request, Class<T> answerType, Supplier<T> work) {
        if (key == null) {
            return new Outcome<>(work.get(), false);
        }
        String hash = sha256(request);
        if (claim(tenantId, key, hash)) {
            T answer = work.get();
            complete(tenantId, key, JSONB.valueOf(json.writeValueAsString(answer)));
            return new Outcome<>(answer, false);
        }
        // Written in the transaction that claimed the key, so there whenever the key is.
        return new Outcome<>(json.readValue(earlier(tenantId, key, hash).data(), answerType), true);
    }

    /**
     * Claims the key for a request (a key older than a day is free again); false when an earlier
     * request holds it. In the caller's transaction: a request racing for it waits for that one.
     */
    boolean claim(UUID tenantId, String key, String requestHash) {
        if (!SANE.matcher(key).matches()) {
            throw Problems.invalid(HEADER, "idempotency.key");
        }
        return dsl.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.TENANT_ID, tenantId).set(IDEMPOTENCY_KEYS.KEY, key)
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, requestHash)
                .onConflict(IDEMPOTENCY_KEYS.TENANT_ID, IDEMPOTENCY_KEYS.KEY).doUpdate()
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, requestHash).setNull(IDEMPOTENCY_KEYS.RESPONSE)
                .set(IDEMPOTENCY_KEYS.CREATED_AT, DSL.currentOffsetDateTime())
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(DSL.field("now() - interval '24 hours'", OffsetDateTime.class)))
                .execute() == 1;
    }

    void complete(UUID tenantId, String key, JSONB response) {
        dsl.update(IDEMPOTENCY_KEYS).set(IDEMPOTENCY_KEYS.RESPONSE, response)
                .where(IDEMPOTENCY_KEYS.TENANT_ID.eq(tenantId), IDEMPOTENCY_KEYS.KEY.eq(key)).execute();
    }

    void release(UUID tenantId, String key) {
        dsl.deleteFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.TENANT_ID.eq(tenantId), IDEMPOTENCY_KEYS.KEY.eq(key)).execute();
    }

    /**
     * What the earlier request with this key answered; null while it is still running. Refused
     * when the earlier request was another.
     */
    JSONB earlier(UUID tenantId, String key, String requestHash) {
        var earlier = dsl.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.TENANT_ID.eq(tenantId), IDEMPOTENCY_KEYS.KEY.eq(key)).fetchSingle();
        if (!earlier.getRequestHash().equals(requestHash)) {
            throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency.reused", key);
        }
        return earlier.getResponse();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
