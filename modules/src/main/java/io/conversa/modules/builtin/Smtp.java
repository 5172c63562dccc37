package io.conversa.modules.builtin;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Plain-text mail through the SMTP server the operator configured ({@link EmailSettings}). */
public final class Smtp {

    private final EmailSettings settings;

    public Smtp(EmailSettings settings) {
        this.settings = settings;
    }

    public boolean configured() {
        return settings.configured();
    }

    /**
     * @param replyTo addresses for answers, or null
     * @return the message's id
     */
    public String send(InternetAddress[] to, InternetAddress[] replyTo, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipients(Message.RecipientType.TO, to);
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        Transport.send(message, settings.username(), settings.password());
        return String.valueOf(message.getMessageID());
    }

    private Session session() {
        Properties properties = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null && !settings.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        return Session.getInstance(properties);
    }
}
