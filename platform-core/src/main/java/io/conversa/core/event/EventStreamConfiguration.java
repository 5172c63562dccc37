package io.conversa.core.event;

import java.util.Map;
import io.conversa.core.security.CallerAuthentication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The event stream: {@code GET /api/v1/events} with {@code Upgrade: websocket}, authenticated
 * like every API call (bearer token or API key; browsers may pass {@code access_token}), and
 * resumable with {@code ?after=<position>}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EventStreamConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/events";
    static final String AFTER = "after";

    private final EventStreamHandler handler;
    private final EventFeed feed;

    EventStreamConfiguration(EventStreamHandler handler, EventFeed feed) {
        this.handler = handler;
        this.feed = feed;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Credentials travel in headers or the token parameter, never in cookies: any origin may connect.
        registry.addHandler(handler, PATH).addInterceptors(new AfterParameter(feed)).setAllowedOriginPatterns("*");
    }

    /**
     * Reads {@code after} before the upgrade, so that a bad one is a 400, not a closed socket.
     * Without one the stream starts here, before the client hears it is connected: whatever
     * commits after that reaches it.
     */
    private record AfterParameter(EventFeed feed) implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Map<String, Object> attributes) {
            String after = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst(AFTER);
            if (after == null) {
                if (request.getPrincipal() instanceof CallerAuthentication caller) {
                    attributes.put(AFTER, feed.now(caller.getPrincipal().tenantId()));
                }
                return true;
            }
            try {
                attributes.put(AFTER, EventPosition.parse(after));
                return true;
            } catch (IllegalArgumentException e) {
                response.setStatusCode(HttpStatus.BAD_REQUEST);
                return false;
            }
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
        }
    }
}
