package io.conversa.core.user;

import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditLog;
import io.conversa.core.audit.ClientInfo;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.InvitationsRecord;
import io.conversa.core.module.ModuleProperties;
import io.conversa.core.security.Caller;
import io.conversa.core.tenant.Role;
import io.conversa.core.web.Problems;
import io.conversa.modules.builtin.Smtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Owners and admins invite people by email: a link, valid once and for {@link #VALID_FOR}, lets
 * the invitee set a password and join with the role chosen for them. The link is emailed through
 * the server's SMTP ({@code conversa.modules.email.*}); without one, or if sending fails, it is
 * shown to the inviter once, to pass on. Only the token's hash is stored.
 */
@Service
public class InvitationService {

    static final Duration VALID_FOR = Duration.ofDays(7);
    private static final String EMAIL_TEXTS = "io.conversa.core.user.invitation-email";
    static final int MIN_PASSWORD = 10;
    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);

    private final Transactions transactions;
    private final InvitationRepository invitations;
    private final UserRepository users;
    private final AuditLog auditLog;
    private final PasswordEncoder passwordEncoder;
    private final Smtp smtp;
    private final SecureRandom random = new SecureRandom();

    InvitationService(Transactions transactions, InvitationRepository invitations, UserRepository users, AuditLog auditLog,
            PasswordEncoder passwordEncoder, ModuleProperties modules) {
        this.transactions = transactions;
        this.invitations = invitations;
        this.users = users;
        this.auditLog = auditLog;
        this.passwordEncoder = passwordEncoder;
        this.smtp = new Smtp(modules.email().settings());
    }

    /** @param baseUrl where Conversa is reached, for the link */
    /** @param language the inviter's, which the email is written in */
    public InvitationSent invite(Caller caller, NewInvitation request, String baseUrl, ClientInfo client, Locale language) {
        UserService.requireMayGrant(caller, request.role());
        String email = Emails.normalize(request.email());
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        record Created(Invitation invitation, String tenantName) {
        }
        Created created = transactions.inTenant(caller.tenantId(), () -> {
            if (users.findAccountByEmail(email).isPresent()) {
                throw Problems.conflict("user.email-taken", email);
            }
            Invitation invitation = invitations.insert(caller.tenantId(), request, email, hash(token), caller.userId(),
                    OffsetDateTime.now().plus(VALID_FOR));
            auditLog.record(caller, AuditAction.USER_INVITED, invitation.id().toString(), client,
                    Map.of("email", email, "role", request.role().name()));
            return new Created(invitation, invitations.tenantName(caller.tenantId()));
        });
        String link = baseUrl.replaceAll("/$", "") + "/invitation/" + token;
        boolean emailed = sendLink(email, created.tenantName(), request.role(), link, language);
        return new InvitationSent(created.invitation(), emailed, emailed ? null : link);
    }

    public List<Invitation> pending(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> invitations.pending(caller.tenantId()));
    }

    public void revoke(Caller caller, UUID id, ClientInfo client) {
        transactions.inTenant(caller.tenantId(), () -> {
            if (!invitations.revoke(caller.tenantId(), id)) {
                throw Problems.notFound("invitation.not-found", id);
            }
            auditLog.record(caller, AuditAction.INVITATION_REVOKED, id.toString(), client, Map.of());
            return null;
        });
    }

    /** What the link offers; a link that was used, revoked, has expired or never existed is refused, saying which. */
    public PendingInvitation find(String token) {
        return transactions.asSystem(() -> {
            InvitationsRecord invitation = usable(token, false);
            return new PendingInvitation(invitations.tenantName(invitation.getTenantId()), invitation.getEmail(),
                    invitation.getName(), Role.valueOf(invitation.getRole()));
        });
    }

    /** Creates the invitee's account with the password and joins them to the tenant; the link is used up. */
    public void accept(String token, String name, String password, ClientInfo client) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw Problems.invalid("password", "user.password-too-short", MIN_PASSWORD);
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw Problems.invalid("name", "user.name-length");
        }
        String passwordHash = passwordEncoder.encode(password);
        InvitationsRecord invitation = transactions.asSystem(() -> usable(token, false));
        try {
            transactions.inTenant(invitation.getTenantId(), () -> {
                InvitationsRecord locked = usable(token, true);
                UUID userId = UUID.randomUUID();
                users.insertAccount(userId, locked.getEmail(), name.strip(), passwordHash);
                users.insertMembership(locked.getTenantId(), userId, Role.valueOf(locked.getRole()));
                invitations.markAccepted(locked.getId());
                auditLog.recordForUser(locked.getTenantId(), userId, AuditAction.INVITATION_ACCEPTED, client);
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw Problems.conflict("user.email-taken", invitation.getEmail());
        }
    }

    private InvitationsRecord usable(String token, boolean lock) {
        InvitationsRecord invitation = invitations.byToken(hash(token == null ? "" : token), lock)
                .orElseThrow(() -> Problems.notFound("invitation.invalid-link"));
        if (invitation.getAcceptedAt() != null) {
            throw Problems.problem(HttpStatus.GONE, "invitation.accepted");
        }
        if (invitation.getRevokedAt() != null) {
            throw Problems.problem(HttpStatus.GONE, "invitation.withdrawn");
        }
        if (invitation.getExpiresAt().isBefore(OffsetDateTime.now())) {
            throw Problems.problem(HttpStatus.GONE, "invitation.expired");
        }
        return invitation;
    }

    /** Sends the link; false when there is no SMTP server or it refused (then the inviter passes the link on). */
    private boolean sendLink(String email, String tenantName, Role role, String link, Locale language) {
        if (!smtp.configured()) {
            return false;
        }
        ResourceBundle texts = ResourceBundle.getBundle(EMAIL_TEXTS, language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            smtp.send(InternetAddress.parse(email, true), null, MessageFormat.format(texts.getString("subject"), tenantName),
                    new MessageFormat(texts.getString("body"), language).format(new Object[] {tenantName,
                            texts.getString("role." + role.name()), VALID_FOR.toDays(), link}));
            return true;
        } catch (MessagingException e) {
            log.warn("The invitation to {} could not be emailed ({}); the inviter passes the link on", email, e.getMessage());
            return false;
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
