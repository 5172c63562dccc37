package io.conversa.engine.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Why a flow cannot be published: the node (null for the flow as a whole), the field within
 * it, and what is wrong, so the builder can point at it; {@code message} in English, by
 * {@code code} in any language the bundle has.
 */
public record ValidationError(String nodeId, String field, @JsonIgnore ProblemText text) {

    ValidationError(String nodeId, String field, String code, Object... args) {
        this(nodeId, field, ProblemText.of(code, args));
    }

    @JsonProperty("message")
    public String message() {
        return message(Locale.ENGLISH);
    }

    public String message(Locale locale) {
        return text.in(locale);
    }

    @JsonProperty("code")
    public String code() {
        return text.code();
    }
}
