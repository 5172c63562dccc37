package io.conversa.core.channel.whatsapp;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxSize   the largest file fetched (the Cloud API allows up to 100 MB for documents)
 * @param mimeTypes the types fetched; others are recorded as refused. Unset: every type WhatsApp sends
 *                  ({@link MediaRules})
 * @param pollInterval how often idle downloaders look for media to fetch
 * @param maxAttempts  attempts before a transient failure (network, HTTP 429 or 5xx) is recorded as failed
 * @param firstRetry   the first backoff after a transient failure; each later one doubles, with jitter
 * @param maxRetry     the longest backoff
 */
@ConfigurationProperties("conversa.whatsapp.media")
record MediaProperties(
        @DefaultValue("16MB") DataSize maxSize,
        Set<String> mimeTypes,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("5m") Duration maxRetry) {

    /** {@code audio/ogg; codecs=opus} counts as {@code audio/ogg}. */
    boolean allows(String mimeType) {
        if (mimeTypes == null || mimeTypes.isEmpty()) {
            return MediaRules.forMimeType(mimeType).isPresent();
        }
        return mimeTypes.contains(MediaRules.baseType(mimeType));
    }
}
