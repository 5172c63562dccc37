package io.conversa.core.user;

import java.util.UUID;

/** A person's login: one email, one password, possibly several tenants. */
public record Account(UUID id, String email, String name, String passwordHash) {
}
