package io.conversa.core.module;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A module as the marketplace shows it to a tenant.
 *
 * @param kind         {@code BUILT_IN}, {@code JAVA} (installed by the operator) or {@code JAVASCRIPT}
 * @param visibility   {@code PUBLIC} (every tenant) or {@code PRIVATE} (uploaded by this tenant)
 * @param latest       the manifest of the newest version
 * @param versions     every version, oldest first
 * @param installation this tenant's installation, or null; built-ins need none
 */
public record MarketplaceModule(String id, String kind, String visibility, Map<String, Object> latest,
        List<Version> versions, Installation installation) {

    public record Version(String version, OffsetDateTime createdAt, Map<String, Object> manifest) {
    }

    /**
     * @param secrets        names of the secrets configured (values never leave the server)
     * @param missingSecrets declared secrets not configured yet
     */
    public record Installation(String version, List<String> secrets, List<String> missingSecrets,
            OffsetDateTime installedAt, OffsetDateTime updatedAt) {
    }
}
