package io.conversa.core.channel.whatsapp;

import io.conversa.core.background.Backoff;
import io.conversa.core.background.PollingWorkers;
import io.conversa.core.db.Transactions;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Component;

/**
 * Fetches the media customers send, after their webhook has been answered; transient failures
 * (network, HTTP 429 or 5xx) are retried with backoff, others recorded at once.
 */
@Component
class MediaDownloader extends PollingWorkers {

    private final Transactions transactions;
    private final MediaRepository media;
    private final ChannelService channels;
    private final CloudApiClient cloudApi;
    private final MediaProperties limits;
    private final Clock clock;
    private final Backoff backoff;

    MediaDownloader(Transactions transactions, MediaRepository media, ChannelService channels, CloudApiClient cloudApi,
            MediaProperties limits, Clock clock) {
        super("media-downloader", 2, limits.pollInterval());
        this.transactions = transactions;
        this.media = media;
        this.channels = channels;
        this.cloudApi = cloudApi;
        this.limits = limits;
        this.clock = clock;
        this.backoff = new Backoff(limits.firstRetry(), limits.maxRetry());
    }

    @Override
    protected boolean workOnce() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return transactions.asSystem(() -> media.lockNextDue(now).map(pending -> {
            MediaDownload download = channels.secrets(pending.getChannelId())
                    .map(channel -> cloudApi.downloadMedia(channel, pending.getWaMediaId(), limits))
                    .orElse(MediaDownload.refused(null, null, "The channel is no longer connected"));
            if (download.error() == null) {
                media.stored(pending.getId(), download.mimeType(), download.sha256(), download.content(), OffsetDateTime.now(clock));
            } else if (download.transientError() && pending.getAttempts() + 1 < limits.maxAttempts()) {
                media.retryLater(pending.getId(), now.plus(backoff.after(pending.getAttempts())), download.error());
            } else {
                media.failed(pending.getId(), download.mimeType(), download.size(), download.error());
            }
            return true;
        }).orElse(false));
    }
}
