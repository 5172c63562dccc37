package io.conversa.core.user;

import io.conversa.core.tenant.Role;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Changes to a member; a field left out stays as it is. */
public record MemberUpdate(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        Role role) {
}
