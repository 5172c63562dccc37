package io.conversa.web.flows;

import io.conversa.web.i18n.Texts;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What a node on the canvas says it does, in a line or three: the message, the buttons, the rule summary. */
final class NodePreview {

    private NodePreview() {
    }

    static String typeName(Texts texts, String type) {
        return FlowDraft.NEW_NODE_DATA.containsKey(type) ? texts.get("node.type." + type) : type;
    }

    static String title(Texts texts, String type, String id) {
        return typeName(texts, type) + " · " + id;
    }

    static String of(Texts texts, String type, JsonNode data) {
        return switch (type) {
            case "message" -> message(texts, data.path("message"));
            case "question" -> message(texts, data.path("prompt")) + "\n→ {{" + data.path("variable").asString("") + "}}"
                    + (data.path("validation").has("kind") ? " (" + data.path("validation").path("kind").asString() + ")" : "");
            case "condition" -> data.path("rules").valueStream().map(rule -> rule.path("id").asString() + ": "
                    + rule.path("comparisons").valueStream().map(c -> c.path("left").asString() + " "
                            + c.path("operator").asString().replace('_', ' ') + " " + c.path("right").asString())
                            .collect(Collectors.joining(texts.get(rule.path("match").asString("all").equals("any")
                            ? "node.preview.or" : "node.preview.and"))))
                    .collect(Collectors.joining("\n"));
            case "action" -> data.path("moduleId").asString("") + " " + data.path("moduleVersion").asString("")
                    + (data.path("outputVariable").asString("").isEmpty() ? "" : "\n→ {{" + data.path("outputVariable").asString() + "}}");
            case "set_variable" -> data.path("assignments").valueStream()
                    .map(a -> a.path("variable").asString() + " = " + a.path("value").asString()).collect(Collectors.joining("\n"));
            case "delay" -> texts.get("node.preview.wait", duration(data.path("seconds").asLong()));
            case "handoff" -> data.path("message").asString("");
            case "jump" -> "→ " + (data.path("flowId").asString("").isEmpty() ? "" : texts.get("node.preview.flow", data.path("flowId").asString()))
                    + data.path("nodeId").asString("");
            case "end" -> texts.get("node.preview.end");
            default -> "";
        };
    }

    private static String message(Texts texts, JsonNode message) {
        String type = message.path("type").asString("text");
        String body = message.path("body").asString(message.path("caption").asString(""));
        String options = switch (type) {
            case "buttons" -> message.path("buttons").valueStream().map(b -> "[" + b.path("title").asString() + "]")
                    .collect(Collectors.joining(" "));
            case "list" -> "☰ " + message.path("button").asString("");
            case "text" -> "";
            case "template" -> texts.get("node.preview.template", message.path("name").asString(""));
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
