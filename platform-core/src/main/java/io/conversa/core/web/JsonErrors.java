package io.conversa.core.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Says where in a JSON document Jackson stopped, and why, in words for the person who sent it. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** {@code items[2].name}, from Jackson's reference chain. */
    public static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public static String message(JacksonException exception) {
        if (exception instanceof InvalidTypeIdException typeId) {
            return "'" + typeId.getTypeId() + "' is not a known type";
        }
        if (exception instanceof InvalidFormatException invalid) {
            Class<?> type = invalid.getTargetType();
            if (type != null && type.isEnum()) {
                return "'" + invalid.getValue() + "' is not one of " + Arrays.toString(type.getEnumConstants());
            }
            return "'" + invalid.getValue() + "' is not a valid " + (type == null ? "value" : type.getSimpleName());
        }
        if (exception instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (exception instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + jsonType(mismatched.getTargetType());
        }
        return exception.getOriginalMessage();
    }

    private static String jsonType(Class<?> type) {
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
