package io.conversa.core.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated {@link Caller}, whatever proved it (token, API key, login form). */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final String name;

    public CallerAuthentication(Caller caller, String name) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        this.name = name;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return name;
    }
}
