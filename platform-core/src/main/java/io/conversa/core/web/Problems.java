package io.conversa.core.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problems the API answers with. Each says what is wrong; {@link #invalid} also says
 * where, as field paths in an {@code errors} member.
 */
public final class Problems {

    private Problems() {
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, detail);
    }

    public static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, detail);
    }

    public static ErrorResponseException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A 400 naming every invalid field: in {@code detail} for people, in {@code errors} for programs. */
    public static ErrorResponseException invalid(List<FieldError> errors) {
        ErrorResponseException exception = problem(HttpStatus.BAD_REQUEST, "The request is invalid: "
                + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")) + ".");
        exception.getBody().setProperty("errors", errors);
        return exception;
    }

    public static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /**
     * A failure nobody foresaw: says so, and names the correlation id under which it is logged,
     * so that support can find it.
     */
    static ProblemDetail unexpected(String correlationId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed. Quote the correlation id " + correlationId
                        + " when you report it.");
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    /** One invalid field: its path in the request body (e.g. {@code items[2].name}) and what is wrong. */
    public record FieldError(String field, String message) {
    }
}
