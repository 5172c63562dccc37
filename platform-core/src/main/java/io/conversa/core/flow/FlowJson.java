package io.conversa.core.flow;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.conversa.core.web.JsonErrors;
import io.conversa.core.web.Problems;
import io.conversa.engine.Flow;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.validation.FieldProblem;
import io.conversa.engine.node.NodeTypes;
import java.util.List;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the flow format (docs/flow-format.md). A document that does not fit the
 * format is refused with the path of the first thing wrong, e.g. {@code nodes[3].type}.
 */
@Component
public class FlowJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A null where a list's entry belongs is refused with its path, not kept for the engine to trip on.
            .withConfigOverride(List.class, list -> list.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();

    public Flow read(JsonNode document) {
        return convert(document, Flow.class, "flow");
    }

    /** One message in the flow format ({@code {"type": "text", "body": ...}}), refused with the path of what is wrong. */
    public OutgoingMessage readMessage(JsonNode document) {
        return convert(document, OutgoingMessage.class, "type");
    }

    /**
     * A message a person or a system sends: read as {@link #readMessage}, then refused (400, every
     * problem with its field) when it breaks WhatsApp's rules.
     */
    public OutgoingMessage readValidMessage(JsonNode document) {
        OutgoingMessage message = readMessage(document);
        List<FieldProblem> problems = message.check();
        if (!problems.isEmpty()) {
            throw Problems.invalid(problems.stream().map(p -> Problems.FieldError.of(p.field(), p.text())).toList());
        }
        return message;
    }

    /** @param root what to call the document itself in an error, when nothing deeper is wrong */
    private <T> T convert(JsonNode document, Class<T> type, String root) {
        if (document == null || !document.isObject()) {
            throw Problems.invalid(root, "json.not-an-object");
        }
        try {
            return mapper.treeToValue(document, type);
        } catch (InvalidTypeIdException e) {
            String path = JsonErrors.path(e);
            boolean message = type == OutgoingMessage.class || path.endsWith("message");
            String field = path.isEmpty() ? "type" : path + ".type";
            throw message ? Problems.invalid(field, "flow.unknown-message-type", e.getTypeId())
                    : Problems.invalid(field, "flow.unknown-node-type", e.getTypeId(), NodeTypes.names());
        } catch (JacksonException e) {
            String path = JsonErrors.path(e);
            throw Problems.invalid(path.isEmpty() ? root : path, "verbatim", JsonErrors.message(e));
        }
    }

    public Flow read(JSONB stored) {
        return mapper.readValue(stored.data(), Flow.class);
    }

    public JSONB jsonb(Flow flow) {
        return JSONB.valueOf(mapper.writeValueAsString(flow));
    }

    public JsonNode tree(Flow flow) {
        return mapper.valueToTree(flow);
    }
}
