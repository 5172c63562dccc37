package io.conversa.core.security;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.user.Account;
import io.conversa.core.user.Emails;
import io.conversa.core.user.Membership;
import io.conversa.core.user.UserRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks an email and password, for the API and the web UI alike. An unknown email costs as
 * much time as a wrong password, and answers the same, so logins do not reveal accounts.
 */
@Service
public class LoginService {

    private static final String INVALID = "Invalid email or password.";

    private final Transactions transactions;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final String unknownAccountHash;

    LoginService(Transactions transactions, UserRepository users, AuditLog auditLog, PasswordEncoder passwordEncoder,
            LoginThrottle throttle) {
        this.transactions = transactions;
        this.users = users;
        this.auditLog = auditLog;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.unknownAccountHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /**
     * @param tenantId the tenant to sign in to; null for the account's first tenant
     * @return the member, in the chosen tenant
     */
    public Caller login(String email, String password, UUID tenantId, ClientInfo client) {
        String normalized = Emails.normalize(email);
        if (throttle.isBlocked(normalized, client.ip())) {
            throw new TooManyLoginAttemptsException();
        }
        Optional<Account> account = transactions.asSystem(() -> users.findAccountByEmail(normalized));
        boolean matches = passwordEncoder.matches(password, account.map(Account::passwordHash).orElse(unknownAccountHash));
        if (account.isEmpty() || !matches) {
            throttle.recordFailure(normalized, client.ip());
            account.ifPresent(a -> recordInAllTenants(a.id(), AuditAction.LOGIN_FAILED, client));
            throw new BadCredentialsException(INVALID);
        }
        UUID userId = account.get().id();
        List<Membership> memberships = transactions.asSystem(() -> users.membershipsOf(userId));
        Membership membership = memberships.stream()
                .filter(m -> tenantId == null || m.tenantId().equals(tenantId))
                .findFirst()
                .orElseThrow(() -> new InsufficientAuthenticationException(tenantId == null
                        ? "This account is not a member of any tenant."
                        : "This account is not a member of the tenant " + tenantId + "."));
        throttle.recordSuccess(normalized);
        transactions.asSystem(() -> {
            auditLog.recordForUser(membership.tenantId(), userId, AuditAction.LOGIN_SUCCEEDED, client);
            return null;
        });
        return Caller.member(membership.tenantId(), userId, membership.role());
    }

    private void recordInAllTenants(UUID userId, AuditAction action, ClientInfo client) {
        transactions.asSystem(() -> {
            users.membershipsOf(userId).forEach(m -> auditLog.recordForUser(m.tenantId(), userId, action, client));
            return null;
        });
    }
}
