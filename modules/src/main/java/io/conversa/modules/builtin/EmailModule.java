package io.conversa.modules.builtin;

import io.conversa.sdk.ActionModule;
import io.conversa.sdk.ModuleContext;
import io.conversa.sdk.ModuleManifest;
import io.conversa.sdk.ModuleResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;

/**
 * Sends a plain-text email through the operator's SMTP server: an order confirmation, a lead for
 * the sales team. Up to 10 recipients; the subject is one line.
 */
public final class EmailModule implements ActionModule {

    static final int MAX_RECIPIENTS = 10;
    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 100_000;

    private static final ModuleManifest MANIFEST = new ModuleManifest("conversa.email", "Send email", "1.0.0",
            "Send a plain-text email, e.g. the order to the kitchen or a lead to sales.", "Conversa", "mail", Json.object("""
                    {"type": "object", "required": ["to", "subject", "text"],
                     "properties": {
                       "to": {"type": "string", "title": "To", "description": "One address, or several separated by commas (at most 10)"},
                       "subject": {"type": "string", "title": "Subject", "maxLength": 200},
                       "text": {"type": "string", "title": "Text", "format": "textarea"},
                       "replyTo": {"type": "string", "title": "Reply to", "format": "email"}
                     }}"""),
            List.of(), Json.object("""
                    {"type": "object", "properties": {"messageId": {"type": "string"}, "to": {"type": "array"}}}"""),
            List.of());

    private final Smtp smtp;

    public EmailModule(EmailSettings settings) {
        this.smtp = new Smtp(settings);
    }

    @Override
    public ModuleManifest manifest() {
        return MANIFEST;
    }

    @Override
    public ModuleResult execute(ModuleContext context, Map<String, Object> input) {
        if (!smtp.configured()) {
            return ModuleResult.failure("Email is not set up on this server: its operator sets conversa.modules.email.host and from.");
        }
        String subject = input.get("subject") instanceof String s ? s.strip() : "";
        String text = input.get("text") instanceof String t ? t : "";
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
            return ModuleResult.failure("subject must be one line of 1 to " + MAX_SUBJECT + " characters.");
        }
        if (text.isBlank() || text.length() > MAX_TEXT) {
            return ModuleResult.failure("text must be 1 to " + MAX_TEXT + " characters.");
        }
        try {
            InternetAddress[] to = InternetAddress.parse(input.get("to") instanceof String t ? t : "", true);
            if (to.length == 0 || to.length > MAX_RECIPIENTS) {
                return ModuleResult.failure("to must name 1 to " + MAX_RECIPIENTS + " addresses.");
            }
            for (InternetAddress address : to) {
                address.validate();
            }
            String messageId = smtp.send(to, input.get("replyTo") instanceof String replyTo && !replyTo.isBlank()
                    ? InternetAddress.parse(replyTo, true) : null, subject, text);
            context.log().info("sent to " + to.length + " recipient(s)");
            return ModuleResult.success(Map.of("messageId", messageId,
                    "to", java.util.Arrays.stream(to).map(InternetAddress::getAddress).toList()));
        } catch (AddressException e) {
            return ModuleResult.failure("Not an email address: " + e.getRef() + " (" + e.getMessage() + ")");
        } catch (MessagingException e) {
            return ModuleResult.failure("The email could not be sent: " + e.getMessage());
        }
    }
}
