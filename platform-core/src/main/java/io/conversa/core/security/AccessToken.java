package io.conversa.core.security;

/** An OAuth 2 style bearer token answer; {@code expiresIn} in seconds. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {
}
