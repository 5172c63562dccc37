package io.conversa.core.analytics;

import java.util.Map;

/**
 * A period's key figures: conversations started, customers' and business messages, sessions
 * active, sessions ended and how many completed their flow ({@code completionRate}, 0 to 1; null
 * when none ended), handoffs to people, the agents' median first response and resolution
 * (seconds; null without any), and failed sends, in all and by the Cloud API's error code.
 */
public record Kpis(long conversationsStarted, long messagesIn, long messagesOut, long activeSessions, long sessionsEnded,
        long sessionsCompleted, Double completionRate, long handoffs, Double medianFirstResponseSeconds,
        Double medianResolutionSeconds, long failedSends, Map<Integer, Long> failedSendsByCode) {
}
