package io.conversa.core.user;

/**
 * @param emailed whether the link went out by email (the server has SMTP configured)
 * @param link    the link that lets the invitee set a password: only when it was not emailed, for
 *                the admin to pass on; never shown again
 */
public record InvitationSent(Invitation invitation, boolean emailed, String link) {
}
