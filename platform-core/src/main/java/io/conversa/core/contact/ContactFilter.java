package io.conversa.core.contact;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which contacts a list or an export holds; every part is optional.
 *
 * @param search     in names and phone numbers
 * @param tags       contacts with all of these tags
 * @param attributes contacts with these attribute values
 * @param optedOut   only opted-out contacts (true) or only the others (false)
 */
public record ContactFilter(UUID channelId, String search, List<String> tags, Map<String, String> attributes,
        Boolean optedOut) {

    public static final ContactFilter ALL = new ContactFilter(null, null, List.of(), Map.of(), null);
}
