package io.conversa.core.channel.whatsapp;

import java.time.OffsetDateTime;

/**
 * What became of a leased outbox message, as the columns to set: null leaves a column as it
 * was, so outcomes of every kind are written together by one statement.
 *
 * @param attempted whether the Cloud API was called (counts as an attempt)
 */
record SendOutcome(long id, String status, String waMessageId, OffsetDateTime sentAt, OffsetDateTime nextAttemptAt,
        Integer errorCode, String errorMessage, boolean attempted) {

    static SendOutcome sent(long id, String waMessageId, OffsetDateTime at) {
        return new SendOutcome(id, "SENT", waMessageId, at, null, null, null, true);
    }

    static SendOutcome failed(long id, int code, String message, boolean attempted) {
        return new SendOutcome(id, "FAILED", null, null, null, code, message, attempted);
    }

    static SendOutcome retryLater(long id, OffsetDateTime at, int code, String message) {
        return new SendOutcome(id, "PENDING", null, null, at, code, message, true);
    }

    /** Not an attempt: the message was leased behind one that has to wait, and waits behind it again. */
    static SendOutcome released(long id) {
        return new SendOutcome(id, "PENDING", null, null, null, null, null, false);
    }

    /** Not an attempt: the message waits (for the pair rate limit) and keeps its place in the conversation. */
    static SendOutcome postponed(long id, OffsetDateTime at) {
        return new SendOutcome(id, "PENDING", null, null, at, null, null, false);
    }

    /** The message is not done: it is tried again later, and the conversation's later messages wait for it. */
    boolean isWaiting() {
        return "PENDING".equals(status);
    }
}
