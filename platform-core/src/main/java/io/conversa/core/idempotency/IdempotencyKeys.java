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
 * {@code Idempotency-Key} for every POST that creates something: the same key and body within 24
 * hours returns the first answer and does nothing; the same key with another body is refused
 * (422). Runs in the caller's transaction, so the key is kept exactly when the work commits; a
 * retry racing the first request waits for it on the key's row and then gets its answer.
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
        if (!SANE.matcher(key).matches()) {
            throw Problems.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String hash = sha256(request);
        boolean claimed = dsl.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.TENANT_ID, tenantId).set(IDEMPOTENCY_KEYS.KEY, key)
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, hash)
                .onConflict(IDEMPOTENCY_KEYS.TENANT_ID, IDEMPOTENCY_KEYS.KEY).doUpdate()
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, hash).setNull(IDEMPOTENCY_KEYS.RESPONSE)
                .set(IDEMPOTENCY_KEYS.CREATED_AT, DSL.currentOffsetDateTime())
                // A key older than a day is free again.
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(DSL.field("now() - interval '24 hours'", OffsetDateTime.class)))
                .execute() == 1;
        if (claimed) {
            T answer = work.get();
            dsl.update(IDEMPOTENCY_KEYS).set(IDEMPOTENCY_KEYS.RESPONSE, JSONB.valueOf(json.writeValueAsString(answer)))
                    .where(IDEMPOTENCY_KEYS.TENANT_ID.eq(tenantId), IDEMPOTENCY_KEYS.KEY.eq(key)).execute();
            return new Outcome<>(answer, false);
        }
        var earlier = dsl.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.TENANT_ID.eq(tenantId), IDEMPOTENCY_KEYS.KEY.eq(key)).fetchSingle();
        if (!earlier.getRequestHash().equals(hash)) {
            throw Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "The Idempotency-Key " + key
                    + " was used within the last 24 hours for another request; use a new key for a new request.");
        }
        // Written in the transaction that claimed the key, so there whenever the key is.
        return new Outcome<>(json.readValue(earlier.getResponse().data(), answerType), true);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
