package io.conversa.core.security;

import io.conversa.core.audit.ClientInfo;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** The web UI's form login, through the same checks, limits and audit as the API's. */
@Component
public class AccountAuthenticationProvider implements AuthenticationProvider {

    private final LoginService loginService;

    AccountAuthenticationProvider(LoginService loginService) {
        this.loginService = loginService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        String email = authentication.getName();
        Caller member = loginService.login(email, String.valueOf(authentication.getCredentials()), null,
                new ClientInfo(ip, "web-ui"));
        return new CallerAuthentication(member, email);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
