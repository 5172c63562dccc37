package io.conversa.core.audit;

import io.conversa.core.db.Transactions;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class AuditController {

    private final Transactions transactions;
    private final AuditLog auditLog;

    AuditController(Transactions transactions, AuditLog auditLog) {
        this.transactions = transactions;
        this.auditLog = auditLog;
    }

    /** The latest entries first. */
    @GetMapping("/api/v1/audit-events")
    Page<AuditEvent> latest(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Size(max = 100) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        Long before = Page.afterSequence(cursor);
        return transactions.inTenant(caller.tenantId(), () -> Page.ofSequence(auditLog.latest(caller.tenantId(), before, limit + 1),
                limit, AuditEvent::id));
    }
}
