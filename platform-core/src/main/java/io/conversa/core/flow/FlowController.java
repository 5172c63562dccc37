package io.conversa.core.flow;

import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Flows: members may read them; builders, admins and owners change and publish them. */
@RestController
@RequestMapping("/api/v1/flows")
class FlowController {

    private static final String EDIT = "hasAnyRole('OWNER', 'ADMIN', 'BUILDER')";

    private final FlowService flowService;

    FlowController(FlowService flowService) {
        this.flowService = flowService;
    }

    @GetMapping
    List<FlowSummary> list(@AuthenticationPrincipal Caller caller) {
        return flowService.list(caller);
    }

    @PostMapping
    @PreAuthorize(EDIT)
    ResponseEntity<FlowDetail> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode flow) {
        return created(flowService.create(caller, flow));
    }

    /** The same as creating: the body is an exported flow. */
    @PostMapping("/import")
    @PreAuthorize(EDIT)
    ResponseEntity<FlowDetail> importFlow(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode flow) {
        return created(flowService.create(caller, flow));
    }

    @GetMapping("/{id}")
    ResponseEntity<FlowDetail> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return withRevision(flowService.get(caller, id));
    }

    /** {@code If-Match: "<revision>"} refuses the save (412) when someone else saved since. */
    @PutMapping("/{id}")
    @PreAuthorize(EDIT)
    ResponseEntity<FlowDetail> update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody JsonNode flow) {
        return withRevision(flowService.update(caller, id, flow, revision(ifMatch)));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(EDIT)
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        flowService.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize(EDIT)
    FlowVersion publish(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return flowService.publish(caller, id);
    }

    @GetMapping("/{id}/versions")
    List<FlowVersion> versions(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return flowService.versions(caller, id);
    }

    @GetMapping("/{id}/versions/{version}")
    JsonNode version(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable int version) {
        return flowService.version(caller, id, version);
    }

    @PostMapping("/{id}/versions/{version}/restore")
    @PreAuthorize(EDIT)
    ResponseEntity<FlowDetail> restore(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
            @PathVariable int version) {
        return withRevision(flowService.restore(caller, id, version));
    }

    /** The draft as a file, to import elsewhere. */
    @GetMapping("/{id}/export")
    ResponseEntity<JsonNode> export(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        FlowDetail detail = flowService.get(caller, id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"flow-" + id + ".json\"")
                .body(detail.draft());
    }

    private static ResponseEntity<FlowDetail> created(FlowDetail detail) {
        return ResponseEntity.created(URI.create("/api/v1/flows/" + detail.flow().id()))
                .eTag("\"" + detail.flow().draftRevision() + "\"").body(detail);
    }

    private static ResponseEntity<FlowDetail> withRevision(FlowDetail detail) {
        return ResponseEntity.ok().eTag("\"" + detail.flow().draftRevision() + "\"").body(detail);
    }

    private static Integer revision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        try {
            return Integer.valueOf(ifMatch.strip().replace("W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw Problems.invalid("If-Match", "flow.if-match");
        }
    }
}
