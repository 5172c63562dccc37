package io.conversa.core.security;

import org.springframework.security.core.AuthenticationException;

public class TooManyLoginAttemptsException extends AuthenticationException {

    TooManyLoginAttemptsException() {
        super("Too many failed logins; try again later.");
    }
}
