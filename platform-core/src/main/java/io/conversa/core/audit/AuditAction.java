package io.conversa.core.audit;

/** The security-relevant actions the audit log records. */
public enum AuditAction {
    TENANT_CREATED("tenant.created"),
    LOGIN_SUCCEEDED("auth.login_succeeded"),
    LOGIN_FAILED("auth.login_failed"),
    USER_ADDED("user.added"),
    USER_UPDATED("user.updated"),
    USER_REMOVED("user.removed"),
    USER_INVITED("user.invited"),
    INVITATION_REVOKED("invitation.revoked"),
    INVITATION_ACCEPTED("invitation.accepted"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_REVOKED("api_key.revoked"),
    CHANNEL_CONNECTED("channel.connected"),
    CHANNEL_UPDATED("channel.updated"),
    CHANNEL_DISCONNECTED("channel.disconnected"),
    MEDIA_UPLOADED("media.uploaded"),
    MODULE_UPLOADED("module.uploaded"),
    MODULE_INSTALLED("module.installed"),
    MODULE_CONFIGURED("module.configured"),
    MODULE_UNINSTALLED("module.uninstalled"),
    CONTACTS_IMPORTED("contact.imported"),
    CONTACTS_EXPORTED("contact.exported"),
    CONTACT_ERASED("contact.erased"),
    OPT_OUT_KEYWORDS_CHANGED("settings.opt_out_keywords_changed"),
    WEBHOOK_SUBSCRIPTION_DISABLED("webhook_subscription.disabled");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
