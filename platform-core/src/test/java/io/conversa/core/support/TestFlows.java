package io.conversa.core.support;

/** Flow documents tests publish. */
public final class TestFlows {

    /** Greets, asks how many pizzas (a number from 1 to 10), and answers by a condition on it; keyword "pizza". */
    public static final String ORDER = """
            {"name": "Order", "start": "hello", "nodes": [
               {"id": "hello", "type": "message", "data": {"message": {"type": "text", "body": "Hi {{contact.name}}!"}}},
               {"id": "howMany", "type": "question", "data": {"prompt": {"type": "text", "body": "How many pizzas?"},
                 "variable": "count", "validation": {"kind": "number", "min": 1, "max": 10},
                 "retryMessage": "Please send a number from 1 to 10.", "maxRetries": 2}},
               {"id": "big", "type": "condition", "data": {"rules": [{"id": "party",
                 "comparisons": [{"left": "{{count}}", "operator": "greater_than", "right": "5"}]}]}},
               {"id": "party", "type": "message", "data": {"message": {"type": "text", "body": "{{count}} pizzas: a party!"}}},
               {"id": "small", "type": "message", "data": {"message": {"type": "text", "body": "{{count}} pizzas coming."}}},
               {"id": "done", "type": "end", "data": {}}],
             "edges": [{"id": "1", "source": "hello", "target": "howMany"}, {"id": "2", "source": "howMany", "target": "big"},
               {"id": "3", "source": "big", "sourceHandle": "party", "target": "party"},
               {"id": "4", "source": "big", "sourceHandle": "else", "target": "small"},
               {"id": "5", "source": "party", "target": "done"}, {"id": "6", "source": "small", "target": "done"}],
             "triggers": {"keywords": ["pizza"]}}
            """;

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
