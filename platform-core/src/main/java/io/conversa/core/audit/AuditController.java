package io.conversa.core.audit;

import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    /** The latest entries first; {@code actor} (a member's id), {@code action}, {@code from} and {@code to} narrow them. */
    @GetMapping("/api/v1/audit-events")
    Page<AuditEvent> latest(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID actor,
            @RequestParam(required = false) @Size(max = 100) String action,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(required = false) @Size(max = 100) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(AuditService.MAX_PAGE) int limit) {
        return audit.page(caller, new AuditFilter(actor, action, from, to), cursor, limit);
    }
}
