package io.conversa.core.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param workers           threads that process conversations (each conversation on one at a time); each takes
 *                          up to {@code eventsPerTransaction} waiting events at once, so fewer workers share more of their
 *                          statements and commits among messages (with two instead of four: 19 % fewer
 *                          statements and about 15 % less CPU a message, docs/performance.md, session 17; with
 *                          one instead of two: a third fewer statements a message at 64 connections, session 22); more workers
 *                          help only a PostgreSQL with cores to spare
 * @param pollInterval      how often idle workers and the timer scheduler look for work they were not told of
 * @param sessionTimeout    a session without customer messages for this long ends
 * @param restartKeyword    a message that ends the running session and starts a flow anew
 * @param maxJumpsPerEvent  jumps between flows one event may make
 * @param eventsPerTransaction how many waiting events one transaction processes: the oldest, of all the conversations
 *                          they belong to (one commit for all)
 * @param markAsRead        mark a customer's message read when the bot processes it (not while an agent has the
 *                          conversation), with "typing..." shown when replies follow
 */
@ConfigurationProperties("conversa.runtime")
public record RuntimeProperties(
        @DefaultValue("1") int workers,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("24h") Duration sessionTimeout,
        @DefaultValue("restart") String restartKeyword,
        @DefaultValue("10") int maxJumpsPerEvent,
        @DefaultValue("20") int eventsPerTransaction,
        @DefaultValue("true") boolean markAsRead) {
}
