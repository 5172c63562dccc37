package io.conversa.core.security;

import io.conversa.core.db.Transactions;
import io.conversa.core.user.Emails;
import io.conversa.core.user.UserRepository;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a validated JWT into the caller it stands for. The role is read from the membership,
 * not trusted from the token, so removing a member or changing their role takes effect at once.
 */
@Component
class JwtCallers {

    private final Transactions transactions;
    private final UserRepository users;

    JwtCallers(Transactions transactions, UserRepository users) {
        this.transactions = transactions;
        this.users = users;
    }

    /** One of Conversa's own tokens: subject is the user, {@code tid} the tenant. */
    CallerAuthentication fromConversaToken(Jwt jwt) {
        UUID userId = uuid(jwt.getSubject(), "sub");
        UUID tenantId = uuid(jwt.getClaimAsString(TokenService.TENANT_CLAIM), TokenService.TENANT_CLAIM);
        return transactions.asSystem(() -> users.roleOf(tenantId, userId))
                .map(role -> new CallerAuthentication(Caller.member(tenantId, userId, role), userId.toString()))
                .orElseThrow(() -> new InvalidBearerTokenException("The token's user is no longer a member of its tenant."));
    }

    /** A token of the configured SSO issuer: its {@code email} names the account, signed in to its first tenant. */
    CallerAuthentication fromExternalToken(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        if (email == null) {
            throw new InvalidBearerTokenException("The token has no email claim.");
        }
        return transactions.asSystem(() -> users.findAccountByEmail(Emails.normalize(email))
                .flatMap(account -> users.membershipsOf(account.id()).stream().findFirst()
                        .map(m -> new CallerAuthentication(Caller.member(m.tenantId(), account.id(), m.role()), email))))
                .orElseThrow(() -> new InvalidBearerTokenException("No Conversa member has the token's email."));
    }

    private static UUID uuid(String value, String claim) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidBearerTokenException("The token's " + claim + " claim is not a valid id.");
        }
    }
}
