package io.conversa.core.support;

/** Flow documents tests publish. */
public final class TestFlows {

    /** Greets, hands the customer over to a person, and once released says the bot is back (and ends). */
    public static final String HANDOFF = """
            {"name": "Support", "start": "hello", "nodes": [
               {"id": "hello", "type": "message", "data": {"message": {"type": "text", "body": "A person will answer you."}}},
               {"id": "human", "type": "handoff", "data": {}},
               {"id": "back", "type": "message", "data": {"message": {"type": "text", "body": "The bot is back."}}}],
             "edges": [{"id": "1", "source": "hello", "target": "human"}, {"id": "2", "source": "human", "target": "back"}],
             "triggers": {"defaultFlow": true}}
            """;

    private TestFlows() {
    }
}
