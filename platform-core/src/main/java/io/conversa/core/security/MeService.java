package io.conversa.core.security;

import io.conversa.core.db.Transactions;
import io.conversa.core.tenant.TenantRepository;
import io.conversa.core.user.UserRepository;
import io.conversa.core.web.Problems;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
public class MeService {

    /** The languages a person may choose for the console. */
    public static final List<String> LANGUAGES = List.of("en", "pt-BR");

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
                    .map(a -> new Me.UserInfo(a.id(), a.email(), a.name(), users.language(a.id()).orElse(null))).orElseThrow();
            Me.ApiKeyInfo apiKey = caller.apiKeyId() == null ? null : new Me.ApiKeyInfo(caller.apiKeyId());
            return new Me(user, apiKey, tenant, caller.role());
        });
    }

    /** @param language one of {@link #LANGUAGES}, or null to follow the browser */
    public void setLanguage(Caller caller, String language) {
        if (caller.userId() == null) {
            throw Problems.forbidden("me.api-key-language");
        }
        if (language != null && !LANGUAGES.contains(language)) {
            throw Problems.invalid("language", "me.language", LANGUAGES);
        }
        transactions.inTenant(caller.tenantId(), () -> {
            users.setLanguage(caller.userId(), language);
            return null;
        });
    }

    /** The language the person chose, if any; empty for an API key. */
    public Optional<String> language(Caller caller) {
        return caller.userId() == null ? Optional.empty()
                : transactions.inTenant(caller.tenantId(), () -> users.language(caller.userId()));
    }
}
