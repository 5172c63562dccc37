package io.conversa.core.user;

import java.util.Locale;

/** Emails are compared case-insensitively: they are stored and looked up in one form. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
