package io.conversa.core.contact;

import io.conversa.core.audit.ClientInfo;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Page;
import io.conversa.core.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contacts for tenants' systems and agents. Every member reads and edits them (agents keep tags
 * and attributes current); exports, imports, erasure and the opt-out keywords are for owners and admins.
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactController {

    private static final String MANAGERS = "hasAnyRole('OWNER', 'ADMIN')";

    private final ContactService contacts;
    private final JsonMapper json;

    ContactController(ContactService contacts, JsonMapper json) {
        this.contacts = contacts;
        this.json = json;
    }

    /**
     * Newest first, a page at a time. {@code q} searches names and phone numbers; {@code tag}
     * (repeatable) keeps contacts with all of them; {@code attribute=name:value} (repeatable) those
     * with these values; {@code optedOut} true or false.
     */
    @GetMapping
    Page<Contact> list(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID channelId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) List<@Size(max = 64) String> tag,
            @RequestParam(required = false) List<@Size(max = 1100) String> attribute,
            @RequestParam(required = false) Boolean optedOut,
            @RequestParam(required = false) @Size(max = 200) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return contacts.page(caller, filter(channelId, q, tag, attribute, optedOut), cursor, limit);
    }

    @GetMapping("/{id}")
    Contact get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return contacts.get(caller, id);
    }

    @PostMapping
    ResponseEntity<Contact> create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewContact request) {
        Contact contact = contacts.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.id())).body(contact);
    }

    @PatchMapping("/{id}")
    Contact update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestBody ContactUpdate request) {
        return contacts.update(caller, id, request);
    }

    @PostMapping("/{id}/opt-out")
    Contact optOut(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return contacts.optOut(caller, id);
    }

    @PostMapping("/{id}/opt-in")
    Contact optIn(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return contacts.optIn(caller, id);
    }

    /** Erases the contact and all that was said with them (a privacy request); cannot be undone. */
    @DeleteMapping("/{id}")
    @PreAuthorize(MANAGERS)
    ResponseEntity<Void> erase(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, HttpServletRequest http) {
        contacts.erase(caller, id, ClientInfo.of(http));
        return ResponseEntity.noContent().build();
    }

    /** Every matching contact (the list's filters), as CSV or JSON. */
    @GetMapping("/export")
    @PreAuthorize(MANAGERS)
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|json") String format,
            @RequestParam(required = false) UUID channelId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) List<@Size(max = 64) String> tag,
            @RequestParam(required = false) List<@Size(max = 1100) String> attribute,
            @RequestParam(required = false) Boolean optedOut,
            HttpServletRequest http) {
        ContactFilter filter = filter(channelId, q, tag, attribute, optedOut);
        ClientInfo client = ClientInfo.of(http);
        boolean csv = "csv".equals(format);
        // The CSV and JSON writers close the stream when done (flushing it).
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (csv) {
                contacts.exportCsv(caller, filter, writer, client);
            } else {
                contacts.exportJson(caller, filter, all -> {
                    try (JsonGenerator generator = json.createGenerator(writer)) {
                        generator.writeStartArray();
                        all.forEach(generator::writePOJO);
                        generator.writeEndArray();
                    }
                }, client);
            }
        };
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"contacts." + format + "\"")
                .body(body);
    }

    /** Adds or changes the contacts of a CSV file (the export's columns) on one number; see {@link ContactService#importCsv}. */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    @PreAuthorize(MANAGERS)
    ContactService.ImportResult importCsv(@AuthenticationPrincipal Caller caller, @RequestParam @NotNull UUID channelId,
            @RequestBody String csv, HttpServletRequest http) {
        return contacts.importCsv(caller, channelId, csv, ClientInfo.of(http));
    }

    record OptOutKeywords(List<String> keywords) {
    }

    @GetMapping("/opt-out-keywords")
    OptOutKeywords optOutKeywords(@AuthenticationPrincipal Caller caller) {
        return new OptOutKeywords(contacts.optOutKeywords(caller));
    }

    @PutMapping("/opt-out-keywords")
    @PreAuthorize(MANAGERS)
    OptOutKeywords setOptOutKeywords(@AuthenticationPrincipal Caller caller, @RequestBody OptOutKeywords request,
            HttpServletRequest http) {
        if (request.keywords() == null) {
            throw Problems.invalid("keywords", "contact.keywords-required");
        }
        return new OptOutKeywords(contacts.setOptOutKeywords(caller, request.keywords(), ClientInfo.of(http)));
    }

    private static ContactFilter filter(UUID channelId, String q, List<String> tags, List<String> attributes, Boolean optedOut) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String attribute : attributes == null ? List.<String>of() : attributes) {
            int colon = attribute.indexOf(':');
            if (colon < 1) {
                throw Problems.invalid("attribute", "contact.attribute-filter");
            }
            values.put(attribute.substring(0, colon), attribute.substring(colon + 1));
        }
        return new ContactFilter(channelId, q, tags == null ? List.of() : tags, values, optedOut);
    }
}
