package io.conversa.core.idempotency;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.JSONB;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Idempotency-Key} on the API's POSTs that do not handle it in their own transaction: the
 * key is claimed before the request runs and its answer kept when it succeeded (2xx), so a retry
 * with the same key and body gets that answer again (with {@code Idempotent-Replayed: true}) and
 * changes nothing. A retry while the first still runs is {@code 409}; an answer that failed frees
 * the key for a corrected request. Secrets an answer shows once (an API key, a webhook secret) are
 * not kept: the replay says what was created, without them.
 */
public class IdempotentRequestFilter extends OncePerRequestFilter {

    /** Sends claim the key in the transaction that queues them (see {@link IdempotencyKeys#once}); uploads are files. */
    private static final Pattern OWN_HANDLING = Pattern.compile(
            "/api/v1/(messages|conversations/[^/]+/messages|channels/[^/]+/templates|flows/[^/]+/start|(channels|conversations)/[^/]+/media)");
    private static final Set<String> SECRETS = Set.of("key", "secret");
    /** The key is claimed and its request has not answered yet. */
    private static final JSONB IN_PROGRESS = JSONB.valueOf("null");

    private final IdempotencyKeys keys;
    private final Transactions transactions;
    private final ProblemWriter problemWriter;
    private final JsonMapper json;

    public IdempotentRequestFilter(IdempotencyKeys keys, Transactions transactions, ProblemWriter problemWriter, JsonMapper json) {
        this.keys = keys;
        this.transactions = transactions;
        this.problemWriter = problemWriter;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || request.getHeader(IdempotencyKeys.HEADER) == null
                || !path.startsWith("/api/v1/") || OWN_HANDLING.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        UUID tenantId = caller.tenantId();
        String key = request.getHeader(IdempotencyKeys.HEADER);
        byte[] body = request.getInputStream().readAllBytes();
        String hash = IdempotencyKeys.sha256((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n"
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        Optional<JSONB> earlier;
        try {
            earlier = transactions.inTenant(tenantId, () -> keys.claim(tenantId, key, hash) ? Optional.empty()
                    : Optional.of(Optional.ofNullable(keys.earlier(tenantId, key, hash)).orElse(IN_PROGRESS)));
        } catch (ErrorResponseException e) {
            problemWriter.write(request, response, e.getBody());
            return;
        }
        if (earlier.isPresent()) {
            replay(request, response, earlier.get());
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new Body(request, body), answer);
            if (answer.getStatus() / 100 == 2) {
                JSONB stored = store(answer);
                transactions.inTenant(tenantId, () -> {
                    keys.complete(tenantId, key, stored);
                    return null;
                });
                kept = true;
            }
        } finally {
            if (!kept) {
                transactions.inTenant(tenantId, () -> {
                    keys.release(tenantId, key);
                    return null;
                });
            }
            answer.copyBodyToResponse();
        }
    }

    private JSONB store(ContentCachingResponseWrapper answer) {
        ObjectNode stored = json.createObjectNode().put("status", answer.getStatus())
                .put("contentType", answer.getContentType()).put("location", answer.getHeader("Location"));
        String body = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (answer.getContentType() != null && answer.getContentType().contains("json") && !body.isEmpty()) {
            JsonNode parsed = json.readTree(body);
            if (parsed instanceof ObjectNode object) {
                object.remove(SECRETS);
            }
            stored.set("json", parsed);
        } else {
            stored.put("text", body);
        }
        return JSONB.valueOf(json.writeValueAsString(stored));
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, JSONB earlier) throws IOException {
        JsonNode stored = json.readTree(earlier.data());
        if (stored.isNull()) {
            problemWriter.write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A request with the "
                    + "Idempotency-Key " + request.getHeader(IdempotencyKeys.HEADER) + " is still being processed; ask again in a moment."));
            return;
        }
        response.setStatus(stored.path("status").asInt());
        response.setHeader("Idempotent-Replayed", "true");
        if (!stored.path("location").isNull()) {
            response.setHeader("Location", stored.path("location").asString());
        }
        if (!stored.path("contentType").isNull()) {
            response.setContentType(stored.path("contentType").asString());
        }
        byte[] body = (stored.has("json") ? json.writeValueAsString(stored.get("json")) : stored.path("text").asString(""))
                .getBytes(StandardCharsets.UTF_8);
        response.getOutputStream().write(body);
    }

    /** The request with its body read once, for the key's hash, and given again to the controller. */
    private static final class Body extends HttpServletRequestWrapper {

        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is here already: a non-blocking reader may read it all at once. */
                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }
    }
}
