package io.conversa.core.db;

import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two kinds of transaction Conversa runs; repositories' queries join the one around them. Every query of a tenant's data runs
 * {@link #inTenant in the tenant}: the transaction switches to the {@code conversa_tenant} role
 * and names the tenant, so PostgreSQL's row-level security refuses other tenants' rows even if
 * a query forgot its {@code tenant_id} condition. Work that must look across tenants before it
 * knows one (login, API-key lookup, schedulers) runs {@link #asSystem as the system}.
 */
@Component
public class Transactions {

    private final DSLContext dsl;
    private final TransactionTemplate transactionTemplate;

    public Transactions(DSLContext dsl, TransactionTemplate transactionTemplate) {
        this.dsl = dsl;
        this.transactionTemplate = transactionTemplate;
    }

    public <T> T inTenant(UUID tenantId, Supplier<T> work) {
        return transactionTemplate.execute(status -> {
            // One round trip: set_config('role', ..., true) is SET LOCAL ROLE.
            dsl.execute("select set_config('conversa.tenant_id', ?, true), set_config('role', 'conversa_tenant', true)",
                    tenantId.toString());
            return work.get();
        });
    }

    public <T> T asSystem(Supplier<T> work) {
        return transactionTemplate.execute(status -> work.get());
    }
}
