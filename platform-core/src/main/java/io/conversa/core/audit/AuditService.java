package io.conversa.core.audit;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import org.springframework.stereotype.Service;

/** Reads a tenant's audit log, newest first, a page at a time. */
@Service
public class AuditService {

    /** The most entries a page holds. */
    public static final int MAX_PAGE = 500;

    private final Transactions transactions;
    private final AuditLog auditLog;

    AuditService(Transactions transactions, AuditLog auditLog) {
        this.transactions = transactions;
        this.auditLog = auditLog;
    }

    /** {@code cursor} is the {@code next} of the page before. */
    public Page<AuditEvent> page(Caller caller, AuditFilter filter, String cursor, int limit) {
        Long before = Page.afterSequence(cursor);
        return transactions.inTenant(caller.tenantId(), () -> Page.ofSequence(auditLog.latest(caller.tenantId(), filter, before, limit + 1),
                limit, AuditEvent::id));
    }
}
