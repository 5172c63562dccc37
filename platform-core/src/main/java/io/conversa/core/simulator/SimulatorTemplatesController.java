package io.conversa.core.simulator;

import static io.conversa.core.simulator.SimulatorGraphController.error;
import static io.conversa.core.simulator.SimulatorGraphController.hasBearerToken;
import static io.conversa.core.simulator.SimulatorGraphController.invalidToken;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Graph API's {@code /{waba-id}/message_templates}, as the simulator serves it: list (paged
 * by cursor), create (then reviewed: approved shortly after, or as the control endpoint says)
 * and delete by name, with Meta's checks and error formats.
 */
@RestController
@ConditionalOnBooleanProperty("conversa.simulator.enabled")
class SimulatorTemplatesController {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final String PATH = "/simulator/graph/{version}/{wabaId}/message_templates";

    private final CloudApiSimulator simulator;

    SimulatorTemplatesController(CloudApiSimulator simulator) {
        this.simulator = simulator;
    }

    @GetMapping(PATH)
    ResponseEntity<Map<String, Object>> list(@PathVariable String version, @PathVariable String wabaId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(defaultValue = "25") int limit, @RequestParam(required = false) String after) {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if (after != null && !after.matches("[0-9]{1,9}")) {
            return error(400, 100, "(#100) Invalid parameter", "after is not a cursor of this list");
        }
        List<SimulatedBusinessAccount.Template> all = simulator.account(wabaId).list();
        int from = after == null ? 0 : Integer.parseInt(after);
        int to = Math.min(all.size(), from + Math.max(1, Math.min(limit, 100)));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", all.subList(from, to).stream().map(SimulatedBusinessAccount.Template::toGraph).toList());
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", Map.of("before", String.valueOf(from), "after", String.valueOf(to)));
        if (to < all.size()) {
            paging.put("next", "after=" + to);
        }
        page.put("paging", paging);
        return ResponseEntity.ok(page);
    }

    @PostMapping(PATH)
    @SuppressWarnings("unchecked")
    ResponseEntity<Map<String, Object>> create(@PathVariable String version, @PathVariable String wabaId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody Map<String, Object> request) {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if (!(request.get("name") instanceof String name) || !NAME.matcher(name).matches()) {
            return error(400, 100, "(#100) Invalid parameter", "name must be lowercase letters, digits and underscores");
        }
        if (!(request.get("language") instanceof String language) || language.isBlank()) {
            return error(400, 100, "(#100) Invalid parameter", "language is required");
        }
        if (!(request.get("category") instanceof String category) || !CATEGORIES.contains(category)) {
            return error(400, 100, "(#100) Invalid parameter", "category must be MARKETING, UTILITY or AUTHENTICATION");
        }
        if (!(request.get("components") instanceof List<?> components)
                || components.stream().noneMatch(c -> c instanceof Map<?, ?> m && "BODY".equals(m.get("type")))) {
            return error(400, 100, "(#100) Invalid parameter", "components must include a BODY");
        }
        SimulatedBusinessAccount account = simulator.account(wabaId);
        if (account.find(name, language).isPresent()) {
            return error(400, 100, "Content in this language already exists",
                    "There is already " + language + " content for this template.");
        }
        var template = new SimulatedBusinessAccount.Template(name, language, category,
                (List<Map<String, Object>>) components, "PENDING");
        account.add(template);
        simulator.submitted(wabaId, template);
        return ResponseEntity.ok(Map.of("id", template.id, "status", "PENDING", "category", category));
    }

    @DeleteMapping(PATH)
    ResponseEntity<Map<String, Object>> delete(@PathVariable String version, @PathVariable String wabaId,
            @RequestHeader(name = "Authorization", required = false) String authorization, @RequestParam String name) {
        if (!hasBearerToken(authorization)) {
            return invalidToken();
        }
        if (simulator.account(wabaId).delete(name) == 0) {
            return error(400, 100, "(#100) Invalid parameter", "Message template \"" + name + "\" not found");
        }
        return ResponseEntity.ok(Map.of("success", true));
    }
}
