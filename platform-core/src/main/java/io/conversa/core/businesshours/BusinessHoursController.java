package io.conversa.core.businesshours;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/channels/{channelId}/business-hours")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class BusinessHoursController {

    private final BusinessHoursService businessHours;

    BusinessHoursController(BusinessHoursService businessHours) {
        this.businessHours = businessHours;
    }

    /** The number's hours, or 204 when it has none (always open). */
    @GetMapping
    ResponseEntity<BusinessHours> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId) {
        return businessHours.get(caller, channelId).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PutMapping
    BusinessHours set(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId, @RequestBody BusinessHours hours,
            HttpServletRequest http) {
        return businessHours.set(caller, channelId, hours, ClientInfo.of(http));
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@AuthenticationPrincipal Caller caller, @PathVariable UUID channelId, HttpServletRequest http) {
        businessHours.clear(caller, channelId, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }
}
