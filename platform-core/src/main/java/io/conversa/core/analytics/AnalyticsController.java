package io.conversa.core.analytics;

import io.conversa.core.security.Caller;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AnalyticsController {

    private final AnalyticsService analytics;

    AnalyticsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    /** A period's key figures ({@code from} inclusive, {@code to} exclusive; one number with {@code channelId}) and the period's before. */
    @GetMapping("/api/v1/analytics/dashboard")
    Dashboard dashboard(@AuthenticationPrincipal Caller caller, @RequestParam OffsetDateTime from, @RequestParam OffsetDateTime to,
            @RequestParam(required = false) UUID channelId) {
        return analytics.dashboard(caller, channelId, from, to);
    }

    /** A published version's counts per node and per edge in a period ({@code from} inclusive, {@code to} exclusive). */
    @GetMapping("/api/v1/flows/{flowId}/versions/{version}/analytics")
    FlowAnalytics flow(@AuthenticationPrincipal Caller caller, @PathVariable UUID flowId, @PathVariable int version,
            @RequestParam OffsetDateTime from, @RequestParam OffsetDateTime to) {
        return analytics.flow(caller, flowId, version, from, to);
    }
}
