package io.conversa.core.apikey;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN')")
class ApiKeyController {

    private final ApiKeyService apiKeyService;

    ApiKeyController(ApiKeyService apiKeyService) {
        this.apiKeyService = apiKeyService;
    }

    @GetMapping
    List<ApiKey> list(@AuthenticationPrincipal Caller caller) {
        return apiKeyService.list(caller);
    }

    @PostMapping
    ResponseEntity<CreatedApiKey> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewApiKey request,
            HttpServletRequest http) {
        CreatedApiKey created = apiKeyService.create(caller, request, ClientInfo.of(http));
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + created.apiKey().id())).body(created);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletRequest http) {
        apiKeyService.revoke(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }
}
