package io.conversa.web.flows;

import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What a node on the canvas says it does, in a line or three: the message, the buttons, the rule summary. */
final class NodePreview {

    static final Map<String, String> TITLES = Map.of("message", "Message", "question", "Question", "condition", "Condition",
            "action", "Action", "set_variable", "Set variable", "delay", "Delay", "handoff", "Hand off",
            "jump", "Jump", "end", "End");

    private NodePreview() {
    }

    static String title(String type, String id) {
        return TITLES.getOrDefault(type, type) + " · " + id;
    }

    static String of(String type, JsonNode data) {
        return switch (type) {
            case "message" -> message(data.path("message"));
            case "question" -> message(data.path("prompt")) + "\n→ {{" + data.path("variable").asString("") + "}}"
                    + (data.path("validation").has("kind") ? " (" + data.path("validation").path("kind").asString() + ")" : "");
            case "condition" -> data.path("rules").valueStream().map(rule -> rule.path("id").asString() + ": "
                    + rule.path("comparisons").valueStream().map(c -> c.path("left").asString() + " "
                            + c.path("operator").asString().replace('_', ' ') + " " + c.path("right").asString())
                            .collect(Collectors.joining(rule.path("match").asString("all").equals("any") ? " or " : " and ")))
                    .collect(Collectors.joining("\n"));
            case "action" -> data.path("moduleId").asString("") + " " + data.path("moduleVersion").asString("")
                    + (data.path("outputVariable").asString("").isEmpty() ? "" : "\n→ {{" + data.path("outputVariable").asString() + "}}");
            case "set_variable" -> data.path("assignments").valueStream()
                    .map(a -> a.path("variable").asString() + " = " + a.path("value").asString()).collect(Collectors.joining("\n"));
            case "delay" -> "Wait " + duration(data.path("seconds").asLong());
            case "handoff" -> data.path("message").asString("");
            case "jump" -> "→ " + (data.path("flowId").asString("").isEmpty() ? "" : "flow " + data.path("flowId").asString() + ", ")
                    + data.path("nodeId").asString("");
            case "end" -> "Ends the conversation's session";
            default -> "";
        };
    }

    private static String message(JsonNode message) {
        String type = message.path("type").asString("text");
        String body = message.path("body").asString(message.path("caption").asString(""));
        String options = switch (type) {
            case "buttons" -> message.path("buttons").valueStream().map(b -> "[" + b.path("title").asString() + "]")
                    .collect(Collectors.joining(" "));
            case "list" -> "☰ " + message.path("button").asString("");
            case "text" -> "";
            case "template" -> "(template " + message.path("name").asString("") + ")";
            default -> "(" + type + ")";
        };
        String text = body.length() > 120 ? body.substring(0, 117) + "..." : body;
        return options.isEmpty() ? text : text + (text.isEmpty() ? "" : "\n") + options;
    }

    private static String duration(long seconds) {
        if (seconds % 86_400 == 0 && seconds > 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
