package io.conversa.core.flow;

import io.conversa.engine.validation.ValidationError;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A flow with its draft and what stands between the draft and publishing it. */
public record FlowDetail(FlowSummary flow, JsonNode draft, List<ValidationError> problems) {
}
