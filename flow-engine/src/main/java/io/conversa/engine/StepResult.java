package io.conversa.engine;

import java.util.List;

public record StepResult(ConversationState state, List<Effect> effects, List<TraceEntry> trace) {
}
