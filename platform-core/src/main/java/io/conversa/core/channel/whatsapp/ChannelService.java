package io.conversa.core.channel.whatsapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.cluster.CacheInvalidation;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.ChannelsRecord;
import io.conversa.core.security.Caller;
import io.conversa.core.security.SecretCipher;
import io.conversa.core.web.Problems;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** A tenant's WhatsApp numbers. Secrets go in encrypted and never come out through the API. */
@Service
public class ChannelService {

    public static final String META_GRAPH_API = "https://graph.facebook.com";
    public static final String GRAPH_API_VERSION = "v24.0";
    static final Duration SECRETS_TTL = Duration.ofSeconds(30);
    private static final String SECRETS = "channel-secrets";

    private final Transactions transactions;
    private final ChannelRepository channels;
    private final SecretCipher cipher;
    private final AuditLog auditLog;
    private final CloudApiClient cloudApi;
    private final CacheInvalidation invalidation;
    /**
     * Decrypted secrets by channel, for the webhook and the sender, which need them per request.
     * Changes apply on every process once committed; {@link #SECRETS_TTL} covers announcements lost
     * while Redis was unreachable.
     */
    private final Cache<UUID, Optional<ChannelSecrets>> secretsById = Caffeine.newBuilder()
            .expireAfterWrite(SECRETS_TTL).maximumSize(10_000).build();
    /** The same by phone number id and by Meta app, for routing a delivery's changes. */
    private final Cache<String, List<ChannelSecrets>> secretsByPhoneNumberId = Caffeine.newBuilder()
            .expireAfterWrite(SECRETS_TTL).maximumSize(10_000).build();
    private final Cache<String, List<ChannelSecrets>> secretsByApp = Caffeine.newBuilder()
            .expireAfterWrite(SECRETS_TTL).maximumSize(10_000).build();

    ChannelService(Transactions transactions, ChannelRepository channels, SecretCipher cipher, AuditLog auditLog,
            CloudApiClient cloudApi, CacheInvalidation invalidation) {
        this.invalidation = invalidation;
        invalidation.listen(SECRETS, id -> dropSecrets(UUID.fromString(id)));
        this.cloudApi = cloudApi;
        this.transactions = transactions;
        this.channels = channels;
        this.cipher = cipher;
        this.auditLog = auditLog;
    }

    public List<Channel> list(Caller caller, String baseUrl) {
        return transactions.inTenant(caller.tenantId(),
                () -> channels.list(caller.tenantId()).stream().map(c -> view(c, baseUrl)).toList());
    }

    /** Checks the channel's ids and token against the Graph API. */
    public PhoneNumberCheck check(Caller caller, UUID id) {
        return cloudApi.phoneNumber(secrets(caller, id));
    }

    /** The tenant's numbers by id, named as the tenant named them: for any member's screens. */
    public Map<UUID, String> names(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> channels.list(caller.tenantId()).stream()
                .collect(Collectors.toMap(ChannelsRecord::getId, ChannelsRecord::getName, (a, b) -> a, LinkedHashMap::new)));
    }

    public Channel get(Caller caller, UUID id, String baseUrl) {
        return transactions.inTenant(caller.tenantId(), () -> view(find(caller, id), baseUrl));
    }

    public Channel create(Caller caller, NewChannel request, String baseUrl, ClientInfo client) {
        ChannelsRecord channel = new ChannelsRecord();
        channel.setId(UUID.randomUUID());
        channel.setTenantId(caller.tenantId());
        channel.setName(request.name().strip());
        channel.setPhoneNumberId(request.phoneNumberId());
        channel.setWabaId(request.wabaId());
        channel.setDisplayPhoneNumber(request.displayPhoneNumber());
        channel.setMetaAppId(request.appId());
        channel.setAccessToken(cipher.encrypt(request.accessToken()));
        channel.setAppSecret(cipher.encrypt(request.appSecret()));
        channel.setVerifyToken(cipher.encrypt(request.verifyToken()));
        channel.setGraphApiUrl(request.graphApiUrl() == null ? META_GRAPH_API : stripSlash(request.graphApiUrl()));
        channel.setGraphApiVersion(request.graphApiVersion() == null ? GRAPH_API_VERSION : request.graphApiVersion());
        channel.setAutoAssign(Boolean.TRUE.equals(request.autoAssign()));
        channel.setMessagesPerSecond(request.messagesPerSecond());
        try {
            Channel created = transactions.inTenant(caller.tenantId(), () -> {
                channels.insert(channel);
                auditLog.record(caller, AuditAction.CHANNEL_CONNECTED, channel.getId().toString(), client,
                        Map.of("phoneNumberId", channel.getPhoneNumberId()));
                return view(find(caller, channel.getId()), baseUrl);
            });
            forgetSecrets(channel.getId());
            return created;
        } catch (DuplicateKeyException e) {
            throw Problems.conflict("channel.already-connected", request.phoneNumberId());
        }
    }

    public Channel update(Caller caller, UUID id, ChannelUpdate request, String baseUrl, ClientInfo client) {
        Channel updated = transactions.inTenant(caller.tenantId(), () -> {
            ChannelsRecord channel = find(caller, id);
            Optional.ofNullable(request.name()).map(String::strip).ifPresent(channel::setName);
            Optional.ofNullable(request.displayPhoneNumber()).ifPresent(channel::setDisplayPhoneNumber);
            Optional.ofNullable(request.appId()).ifPresent(channel::setMetaAppId);
            Optional.ofNullable(request.accessToken()).map(cipher::encrypt).ifPresent(channel::setAccessToken);
            Optional.ofNullable(request.appSecret()).map(cipher::encrypt).ifPresent(channel::setAppSecret);
            Optional.ofNullable(request.verifyToken()).map(cipher::encrypt).ifPresent(channel::setVerifyToken);
            Optional.ofNullable(request.graphApiUrl()).map(ChannelService::stripSlash).ifPresent(channel::setGraphApiUrl);
            Optional.ofNullable(request.graphApiVersion()).ifPresent(channel::setGraphApiVersion);
            Optional.ofNullable(request.autoAssign()).ifPresent(channel::setAutoAssign);
            Optional.ofNullable(request.messagesPerSecond()).ifPresent(channel::setMessagesPerSecond);
            if (channel.changed()) {
                channel.setUpdatedAt(OffsetDateTime.now());
                channels.update(channel);
                auditLog.record(caller, AuditAction.CHANNEL_UPDATED, id.toString(), client, Map.of());
            }
            return view(find(caller, id), baseUrl);
        });
        forgetSecrets(id);
        return updated;
    }

    public void delete(Caller caller, UUID id, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            if (!channels.delete(caller.tenantId(), id)) {
                throw notFound(id);
            }
            auditLog.record(caller, AuditAction.CHANNEL_DISCONNECTED, id.toString(), client, Map.of());
            return null;
        });
        forgetSecrets(id);
    }

    private void forgetSecrets(UUID id) {
        invalidation.afterCommit(SECRETS, id.toString());
    }

    private void dropSecrets(UUID id) {
        secretsById.invalidate(id);
        secretsByPhoneNumberId.invalidateAll();
        secretsByApp.invalidateAll();
    }

    /** For the webhook and the sender, which know only the channel id. */
    Optional<ChannelSecrets> secrets(UUID channelId) {
        return secretsById.get(channelId, id -> transactions.asSystem(() -> channels.findAnyTenant(id)).map(this::secrets));
    }

    /**
     * The channel of a phone number whose app secret signed a delivery: the channel a webhook's
     * change for that number belongs to. Phone number ids are Meta's, so only the signature tells
     * two tenants' channels for one number apart (the simulator's test numbers, a moved number).
     */
    Optional<ChannelSecrets> signedFor(String phoneNumberId, byte[] body, String signature) {
        return secretsByPhoneNumberId.get(phoneNumberId, id -> transactions.asSystem(() -> channels.findByPhoneNumberId(id))
                        .stream().map(this::secrets).toList())
                .stream().filter(c -> c.signed(body, signature)).findFirst();
    }

    /** The numbers connected with this Meta app id, in every tenant. */
    List<ChannelSecrets> appChannels(String appId) {
        return secretsByApp.get(appId, id -> transactions.asSystem(() -> channels.findByMetaAppId(id))
                .stream().map(this::secrets).toList());
    }

    /**
     * The app secret of a caller's own channel, which signs its webhooks: for pointing the in-app
     * Cloud API simulator at a number it stands in for. Never leaves the server.
     */
    public String appSecret(Caller caller, UUID channelId) {
        return secrets(caller, channelId).appSecret();
    }

    /** The business account of a caller's own channel; 404 for another tenant's. */
    public BusinessAccount businessAccount(Caller caller, UUID channelId) {
        ChannelsRecord c = transactions.inTenant(caller.tenantId(), () -> find(caller, channelId));
        return new BusinessAccount(c.getTenantId(), c.getId(), c.getWabaId(), c.getGraphApiUrl(), c.getGraphApiVersion(),
                cipher.decrypt(c.getAccessToken()));
    }

    /** For a caller's own channel; 404 for another tenant's. */
    ChannelSecrets secrets(Caller caller, UUID channelId) {
        return secrets(transactions.inTenant(caller.tenantId(), () -> find(caller, channelId)));
    }

    private ChannelSecrets secrets(ChannelsRecord c) {
        return new ChannelSecrets(c.getTenantId(), c.getId(), c.getPhoneNumberId(), cipher.decrypt(c.getAccessToken()),
                cipher.decrypt(c.getAppSecret()), cipher.decrypt(c.getVerifyToken()), c.getGraphApiUrl(),
                c.getGraphApiVersion(), c.getMessagesPerSecond());
    }

    private ChannelsRecord find(Caller caller, UUID id) {
        return channels.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    private static Channel view(ChannelsRecord c, String baseUrl) {
        return new Channel(c.getId(), c.getName(), c.getPhoneNumberId(), c.getWabaId(), c.getDisplayPhoneNumber(),
                c.getMetaAppId(), c.getGraphApiUrl(), c.getGraphApiVersion(), baseUrl + "/webhooks/whatsapp/" + c.getId(),
                c.getMetaAppId() == null ? null : baseUrl + WebhookController.APPS_PATH + "/" + c.getMetaAppId(),
                c.getAutoAssign(), c.getMessagesPerSecond(), c.getCreatedAt());
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("channel.not-found", id);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
