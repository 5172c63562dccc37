package io.conversa.core.tenant;

import static io.conversa.core.db.jooq.Tables.TENANTS;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
public class TenantRepository {

    private final DSLContext dsl;

    TenantRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(UUID id, String name) {
        dsl.insertInto(TENANTS).set(TENANTS.ID, id).set(TENANTS.NAME, name).execute();
    }

    public Optional<Tenant> find(UUID id) {
        return dsl.selectFrom(TENANTS).where(TENANTS.ID.eq(id))
                .fetchOptional(r -> new Tenant(r.getId(), r.getName(), r.getCreatedAt()));
    }
}
