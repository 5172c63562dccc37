package io.conversa.core.apikey;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A tenant's API keys. A key is 32 random bytes, so a plain SHA-256 is a safe way to store it
 * (no dictionary to attack) and lets a request find its key with one indexed lookup.
 */
@Service
public class ApiKeyService {

    private static final String KEY_PREFIX = "cnv_";
    private static final int SHOWN_PREFIX_LENGTH = KEY_PREFIX.length() + 8;

    private final Transactions transactions;
    private final ApiKeyRepository apiKeys;
    private final AuditLog auditLog;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(Transactions transactions, ApiKeyRepository apiKeys, AuditLog auditLog) {
        this.transactions = transactions;
        this.apiKeys = apiKeys;
        this.auditLog = auditLog;
    }

    public List<ApiKey> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> apiKeys.list(caller.tenantId()));
    }

    public CreatedApiKey create(Caller caller, NewApiKey request, ClientInfo client) {
        if (request.role() == Role.OWNER) {
            throw Problems.invalid("role", "api-key.owner");
        }
        if (!caller.role().mayGrant(request.role())) {
            throw Problems.forbidden("api-key.role-above", caller.role(), request.role());
        }
        List<String> scopes = request.scopes() == null ? null : request.scopes().stream().distinct().toList();
        if (scopes != null && !ApiScopes.unknown(scopes).isEmpty()) {
            throw Problems.invalid(ApiScopes.unknown(scopes));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        ApiKey created = transactions.inTenant(caller.tenantId(), () -> {
            apiKeys.insert(caller.tenantId(), id, request.name().strip(), key.substring(0, SHOWN_PREFIX_LENGTH),
                    sha256(key), request.role(), scopes, request.requestsPerMinute(), caller.userId());
            auditLog.record(caller, AuditAction.API_KEY_CREATED, id.toString(), client,
                    Map.of("name", request.name().strip(), "role", request.role().name(),
                            "scopes", scopes == null ? "all of the role" : String.join(" ", scopes)));
            return apiKeys.find(caller.tenantId(), id).orElseThrow();
        });
        return new CreatedApiKey(created, key);
    }

    public void revoke(Caller caller, UUID id, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            ApiKey apiKey = apiKeys.find(caller.tenantId(), id)
                    .orElseThrow(() -> Problems.notFound("api-key.not-found", id));
            if (apiKey.revokedAt() == null) {
                apiKeys.revoke(caller.tenantId(), id);
                auditLog.record(caller, AuditAction.API_KEY_REVOKED, id.toString(), client, Map.of("name", apiKey.name()));
            }
            return null;
        });
    }

    /** The caller a presented key stands for, with its scopes and rate, if it is a live key. */
    public Optional<AuthenticatedKey> authenticate(String presentedKey) {
        if (!presentedKey.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        return transactions.asSystem(() -> apiKeys.findActiveByHash(sha256(presentedKey)).map(record -> {
            apiKeys.touch(record.getId());
            return new AuthenticatedKey(Caller.apiKey(record.getTenantId(), record.getId(), Role.valueOf(record.getRole())),
                    record.getScopes() == null ? null : List.of(record.getScopes()), record.getRequestsPerMinute());
        }));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
