package io.conversa.core.event;

/** The facts Conversa records, by the names the event stream and webhooks use. */
public enum EventType {
    MESSAGE_RECEIVED("message.received"),
    MESSAGE_SENT("message.sent"),
    MESSAGE_STATUS("message.status"),
    CONVERSATION_HANDED_OFF("conversation.handed_off"),
    CONVERSATION_RELEASED("conversation.released"),
    CONVERSATION_ASSIGNED("conversation.assigned"),
    CONVERSATION_CLOSED("conversation.closed"),
    CONVERSATION_REOPENED("conversation.reopened"),
    NOTE_ADDED("conversation.note_added"),
    SESSION_ENDED("session.ended"),
    CONTACT_UPDATED("contact.updated"),
    CONTACT_DELETED("contact.deleted"),
    FLOW_PUBLISHED("flow.published"),
    TEMPLATE_STATUS("template.status"),
    WEBHOOK_SUBSCRIPTION_DISABLED("webhook_subscription.disabled");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
