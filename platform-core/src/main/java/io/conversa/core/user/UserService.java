package io.conversa.core.user;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The members of a tenant, managed by its owners and admins. Nobody hands out a role above
 * their own, and a tenant always keeps at least one owner.
 */
@Service
public class UserService {

    private final Transactions transactions;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final PasswordEncoder passwordEncoder;

    UserService(Transactions transactions, UserRepository users, AuditLog auditLog, PasswordEncoder passwordEncoder) {
        this.transactions = transactions;
        this.users = users;
        this.auditLog = auditLog;
        this.passwordEncoder = passwordEncoder;
    }

    public List<Member> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> users.members(caller.tenantId()));
    }

    public Member get(Caller caller, UUID userId) {
        return transactions.inTenant(caller.tenantId(), () -> find(caller, userId));
    }

    public Member add(Caller caller, NewMember request, ClientInfo client) {
        requireMayGrant(caller, request.role());
        String email = Emails.normalize(request.email());
        String passwordHash = passwordEncoder.encode(request.password());
        UUID userId = UUID.randomUUID();
        try {
            return transactions.inTenant(caller.tenantId(), () -> {
                users.insertAccount(userId, email, request.name().strip(), passwordHash);
                users.insertMembership(caller.tenantId(), userId, request.role());
                auditLog.record(caller, AuditAction.USER_ADDED, userId.toString(), client,
                        Map.of("email", email, "role", request.role().name()));
                return find(caller, userId);
            });
        } catch (DuplicateKeyException e) {
            throw Problems.conflict("user.email-taken", email);
        }
    }

    public Member update(Caller caller, UUID userId, MemberUpdate request, ClientInfo client) {
        return transactions.inTenant(caller.tenantId(), () -> {
            Member member = find(caller, userId);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (request.role() != null && request.role() != member.role()) {
                requireMayGrant(caller, member.role());
                requireMayGrant(caller, request.role());
                if (member.role() == Role.OWNER) {
                    requireAnotherOwner(caller.tenantId());
                }
                users.updateRole(caller.tenantId(), userId, request.role());
                changes.put("role", Map.of("from", member.role().name(), "to", request.role().name()));
            }
            if (request.name() != null && !request.name().strip().equals(member.name())) {
                users.updateName(userId, request.name().strip());
                changes.put("name", Map.of("from", member.name(), "to", request.name().strip()));
            }
            if (!changes.isEmpty()) {
                auditLog.record(caller, AuditAction.USER_UPDATED, userId.toString(), client, changes);
            }
            return find(caller, userId);
        });
    }

    public void remove(Caller caller, UUID userId, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            Member member = find(caller, userId);
            requireMayGrant(caller, member.role());
            if (member.role() == Role.OWNER) {
                requireAnotherOwner(caller.tenantId());
            }
            users.deleteMembership(caller.tenantId(), userId);
            auditLog.record(caller, AuditAction.USER_REMOVED, userId.toString(), client,
                    Map.of("email", member.email()));
            return null;
        });
        // The account is no tenant's once its last membership goes; it is nobody's to keep.
        transactions.asSystem(() -> {
            users.deleteAccountIfNoMemberships(userId);
            return null;
        });
    }

    private Member find(Caller caller, UUID userId) {
        return users.member(caller.tenantId(), userId)
                .orElseThrow(() -> Problems.notFound("user.not-found", userId));
    }

    static void requireMayGrant(Caller caller, Role role) {
        if (!caller.role().mayGrant(role)) {
            throw Problems.forbidden("user.role-above", caller.role(), role);
        }
    }

    private void requireAnotherOwner(UUID tenantId) {
        if (users.lockOwners(tenantId) < 2) {
            throw Problems.conflict("user.last-owner");
        }
    }
}
