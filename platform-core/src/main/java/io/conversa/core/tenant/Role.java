package io.conversa.core.tenant;

/** What a member (or API key) may do in a tenant, from most to least powerful. */
public enum Role {
    /** Everything, including managing other owners. */
    OWNER,
    /** Manages users, API keys, channels and settings. */
    ADMIN,
    /** Builds and publishes flows, installs modules. */
    BUILDER,
    /** Answers customers in the live chat. */
    AGENT;

    public boolean managesUsers() {
        return this == OWNER || this == ADMIN;
    }

    /** Whether a holder of this role may hand {@code other} to someone: never above its own. */
    public boolean mayGrant(Role other) {
        return managesUsers() && other.ordinal() >= ordinal();
    }
}
