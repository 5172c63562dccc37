package io.conversa.core.module;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The marketplace API; browsing is open to every member, changes to those who build flows. */
@RestController
@RequestMapping("/api/v1/modules")
class ModuleController {

    private static final String BUILD = "hasAnyRole('OWNER', 'ADMIN', 'BUILDER')";

    private final ModuleService modules;

    ModuleController(ModuleService modules) {
        this.modules = modules;
    }

    @GetMapping
    List<MarketplaceModule> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String q) {
        return modules.list(caller, q);
    }

    @GetMapping("/executions")
    List<ModuleExecution> executions(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String moduleId, @RequestParam(defaultValue = "50") int limit) {
        return modules.executions(caller, moduleId, limit);
    }

    @GetMapping("/{id}")
    MarketplaceModule get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return modules.get(caller, id);
    }

    @PostMapping
    @PreAuthorize(BUILD)
    ResponseEntity<MarketplaceModule> upload(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewModule request,
            HttpServletRequest http) {
        MarketplaceModule module = modules.upload(caller, request, ClientInfo.of(http));
        return ResponseEntity.created(URI.create("/api/v1/modules/" + module.id())).body(module);
    }

    @PostMapping("/{id}/try")
    @PreAuthorize(BUILD)
    TryResult tryOut(@AuthenticationPrincipal Caller caller, @PathVariable String id, @Valid @RequestBody TryRequest request) {
        return modules.tryOut(caller, id, request);
    }

    @PutMapping("/{id}/installation")
    @PreAuthorize(BUILD)
    MarketplaceModule install(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @Valid @RequestBody InstallRequest request, HttpServletRequest http) {
        return modules.install(caller, id, request, ClientInfo.of(http));
    }

    @PatchMapping("/{id}/installation/secrets")
    @PreAuthorize(BUILD)
    MarketplaceModule configure(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @RequestBody Map<String, String> secrets, HttpServletRequest http) {
        return modules.configure(caller, id, secrets, ClientInfo.of(http));
    }

    @DeleteMapping("/{id}/installation")
    @PreAuthorize(BUILD)
    ResponseEntity<Void> uninstall(@AuthenticationPrincipal Caller caller, @PathVariable String id, HttpServletRequest http) {
        modules.uninstall(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }
}
