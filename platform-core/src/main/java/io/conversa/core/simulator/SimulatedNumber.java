package io.conversa.core.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** One simulated WhatsApp number: where its webhooks go, the faults to inject, what it received. */
final class SimulatedNumber {

    private static final int KEPT_MESSAGES = 10_000;

    private volatile String webhookUrl;
    private volatile String appSecret;
    private volatile String wabaId;
    private volatile boolean sendStatuses = true;
    private volatile boolean duplicateWebhooks;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Deque<Map<String, Object>> received = new ArrayDeque<>();
    private final Deque<Map<String, Object>> readReceipts = new ArrayDeque<>();

    /** An answer to give instead of accepting a message: an HTTP status with a Cloud API error, after a delay. */
    record Fault(int httpStatus, int code, String message, long delayMillis) {
    }

    /**
     * @param wabaId            the WhatsApp Business Account of the number, or null
     * @param sendStatuses      false drops every status webhook, as when Meta's never arrive
     * @param duplicateWebhooks true delivers every webhook twice, as Meta's retries do
     */
    synchronized void target(String webhookUrl, String appSecret, String wabaId, boolean sendStatuses, boolean duplicateWebhooks) {
        this.webhookUrl = webhookUrl;
        this.wabaId = wabaId;
        this.appSecret = appSecret;
        this.sendStatuses = sendStatuses;
        this.duplicateWebhooks = duplicateWebhooks;
    }

    /** The business account the number belongs to; its template reviews reach the number's webhook. */
    String wabaId() {
        return wabaId;
    }

    boolean duplicateWebhooks() {
        return duplicateWebhooks;
    }

    String webhookUrl() {
        return webhookUrl;
    }

    String appSecret() {
        return appSecret;
    }

    boolean sendStatuses() {
        return sendStatuses;
    }

    synchronized void addFaults(List<Fault> more) {
        faults.addAll(more);
    }

    synchronized Fault nextFault() {
        return faults.poll();
    }

    synchronized void received(Map<String, Object> message) {
        keep(received, message);
    }

    synchronized List<Map<String, Object>> receivedMessages() {
        return new ArrayList<>(received);
    }

    /** A message the business marked read, with whether it showed "typing...". */
    synchronized void markedRead(Map<String, Object> receipt) {
        keep(readReceipts, receipt);
    }

    /** Appends, forgetting the oldest beyond {@link #KEPT_MESSAGES}, so a long run cannot fill the heap. */
    private static void keep(Deque<Map<String, Object>> kept, Map<String, Object> item) {
        if (kept.size() == KEPT_MESSAGES) {
            kept.removeFirst();
        }
        kept.addLast(item);
    }

    synchronized List<Map<String, Object>> readReceipts() {
        return new ArrayList<>(readReceipts);
    }
}
