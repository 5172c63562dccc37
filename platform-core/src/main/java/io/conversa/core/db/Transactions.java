package io.conversa.core.db;

import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

    private static final Param<String> TENANT = DSL.param("tenant", String.class);

    private final TransactionTemplate transactionTemplate;
    /** One round trip: set_config('role', ..., true) is SET LOCAL ROLE. */
    private final FixedStatement nameTenant;

    public Transactions(DSLContext dsl, TransactionTemplate transactionTemplate) {
        this.transactionTemplate = transactionTemplate;
        this.nameTenant = new FixedStatement(dsl,
                DSL.query("select set_config('conversa.tenant_id', {0}, true), set_config('role', 'conversa_tenant', true)", TENANT));
    }

    public <T> T inTenant(UUID tenantId, Supplier<T> work) {
        return transactionTemplate.execute(status -> {
            // A transaction shared by many units of one tenant (GroupCommit) names it once.
            if (!tenantId.equals(TransactionSynchronizationManager.getResource(this))) {
                nameTenant.with().set(TENANT, tenantId.toString()).execute();
                named(tenantId);
            }
            return work.get();
        });
    }

    /** Remembers the tenant the transaction names until it completes (the settings are local to it). */
    private void named(UUID tenantId) {
        if (TransactionSynchronizationManager.getResource(this) != null) {
            TransactionSynchronizationManager.unbindResource(this);
        } else {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Transactions.this);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(this, tenantId);
    }

    public <T> T asSystem(Supplier<T> work) {
        return transactionTemplate.execute(status -> work.get());
    }
}
