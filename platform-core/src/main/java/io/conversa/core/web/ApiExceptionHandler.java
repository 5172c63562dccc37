package io.conversa.core.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of an API call into an RFC 9457 problem that says what is wrong and,
 * for a bad body, where: {@code errors} lists field paths with a message each.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Conversa's own refusals, in the language the request accepts (English without Accept-Language). */
    @Override
    protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(exception, Problems.localized(exception, LocaleContextHolder.getLocale()), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> Problems.FieldError.verbatim(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field))
                .toList();
        return handleExceptionInternal(exception, localized(Problems.invalid(errors)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = exception.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Problems.FieldError.verbatim(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(exception, localized(Problems.invalid(errors)), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = exception.getMostSpecificCause();
        if (cause instanceof PayloadTooLargeException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage());
            return handleExceptionInternal(exception, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(cause));
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            problem.setProperty("errors", List.of(new Problems.LocalizedFieldError(JsonErrors.path(jackson), JsonErrors.message(jackson))));
        }
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * PostgreSQL's data exceptions (SQLSTATE class 22) are values it cannot store: text with the
     * NUL character, a number out of range. Bad input, and the transaction rolled back.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail unstorable(DataIntegrityViolationException exception, HttpServletRequest request) {
        if (exception.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            String reason = sql.getMessage().lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
            return localized(Problems.problem(HttpStatus.BAD_REQUEST, "request.unstorable", reason));
        }
        return unexpected(exception, request);
    }

    /** A constraint checked on a method outside Spring MVC's own parameter validation. */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail violated(ConstraintViolationException exception) {
        List<Problems.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> Problems.FieldError.verbatim(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field))
                .toList();
        return localized(Problems.invalid(errors));
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /**
     * PostgreSQL cannot be reached (or went away mid-request): nothing was stored, so the caller
     * should try again; for Meta's webhooks that is what a 503 makes it do.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseUnreachable(RuntimeException exception) {
        log.warn("The database cannot be reached: {}", exception.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(localized(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "request.database-down")));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException exception) {
        return localized(Problems.conflict("request.duplicate"));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail denied(RuntimeException exception) {
        return localized(Problems.forbidden("request.role"));
    }

    /**
     * Anything else is a defect: logged whole under the request's correlation id, answered 500.
     * The transaction it happened in rolled back, so "nothing was changed" holds.
     */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception exception, HttpServletRequest request) {
        String id = CorrelationFilter.current();
        log.error("Unexpected failure of {} {} (correlation id {})", request.getMethod(), request.getRequestURI(), id, exception);
        return Problems.unexpected(id);
    }

    private static ProblemDetail localized(ErrorResponseException problem) {
        return Problems.localized(problem, LocaleContextHolder.getLocale());
    }

    private static String describe(Throwable cause) {
        if (cause instanceof StreamReadException read) {
            return "The request body is not valid JSON: " + read.getOriginalMessage()
                    + (read.getLocation() == null ? "" : " (line " + read.getLocation().getLineNr()
                    + ", column " + read.getLocation().getColumnNr() + ")") + ".";
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return "The request body is invalid at " + JsonErrors.path(jackson) + ": " + JsonErrors.message(jackson) + ".";
        }
        if (cause instanceof MismatchedInputException) {
            return "The request body is missing or is not the expected JSON object.";
        }
        return "The request body could not be read: it must be a JSON object.";
    }
}
