package io.conversa.core.security;

import io.conversa.core.db.Transactions;
import io.conversa.core.tenant.TenantRepository;
import io.conversa.core.user.UserRepository;
import org.springframework.stereotype.Service;

@Service
public class MeService {

    private final Transactions transactions;
    private final TenantRepository tenants;
    private final UserRepository users;

    MeService(Transactions transactions, TenantRepository tenants, UserRepository users) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.users = users;
    }

    public Me describe(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> {
            Me.TenantInfo tenant = tenants.find(caller.tenantId())
                    .map(t -> new Me.TenantInfo(t.id(), t.name())).orElseThrow();
            Me.UserInfo user = caller.userId() == null ? null : users.findAccount(caller.userId())
                    .map(a -> new Me.UserInfo(a.id(), a.email(), a.name())).orElseThrow();
            Me.ApiKeyInfo apiKey = caller.apiKeyId() == null ? null : new Me.ApiKeyInfo(caller.apiKeyId());
            return new Me(user, apiKey, tenant, caller.role());
        });
    }
}
