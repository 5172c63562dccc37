package io.conversa.core.tenant;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.user.Emails;
import io.conversa.core.user.UserRepository;
import io.conversa.core.web.Problems;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates a tenant and its first owner, together or not at all. */
@Service
public class SignupService {

    private final Transactions transactions;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final PasswordEncoder passwordEncoder;

    SignupService(Transactions transactions, TenantRepository tenants, UserRepository users, AuditLog auditLog,
            PasswordEncoder passwordEncoder) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.users = users;
        this.auditLog = auditLog;
        this.passwordEncoder = passwordEncoder;
    }

    public SignupResult signup(SignupRequest request, ClientInfo client) {
        String email = Emails.normalize(request.email());
        String passwordHash = passwordEncoder.encode(request.password());
        UUID tenantId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        String tenantName = request.tenantName().strip();
        String name = request.name().strip();
        try {
            transactions.inTenant(tenantId, () -> {
                tenants.insert(tenantId, tenantName);
                users.insertAccount(userId, email, name, passwordHash);
                users.insertMembership(tenantId, userId, Role.OWNER);
                auditLog.record(Caller.member(tenantId, userId, Role.OWNER), AuditAction.TENANT_CREATED,
                        tenantId.toString(), client, Map.of("name", tenantName));
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw Problems.conflict("signup.email-taken", email);
        }
        return new SignupResult(new SignupResult.TenantRef(tenantId, tenantName),
                new SignupResult.UserRef(userId, email, name), Role.OWNER);
    }
}
