package io.conversa.core.conversation;

import io.conversa.core.web.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A WhatsApp user as a message names them. A user with a WhatsApp username may come without a
 * phone number, identified by their business-scoped user id (BSUID) alone; once both are known
 * they are one customer.
 *
 * @param phone    the phone number ({@code wa_id}, {@code from}), or null when withheld
 * @param userId   the business-scoped user id ({@code user_id}, {@code from_user_id}), or null
 * @param name     the profile name, or null
 * @param username the WhatsApp username, or null
 */
public record Customer(String phone, String userId, String name, String username) {

    private static final Pattern PHONE = Pattern.compile("\\d{6,20}");
    private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,140}");

    public Customer {
        if (blank(phone) && blank(userId)) {
            throw new IllegalArgumentException("A customer needs a phone number or a business-scoped user id");
        }
        phone = blank(phone) ? null : phone;
        userId = blank(userId) ? null : userId;
        name = blank(name) ? null : name;
        username = blank(username) ? null : username;
    }

    public static Customer ofPhone(String phone, String name) {
        return new Customer(phone, null, name, null);
    }

    /**
     * The customer a business's message or flow start is addressed to: a phone number (digits with
     * the country code) or a business-scoped user id; anything else is a 400 naming {@code to}.
     */
    public static Customer addressedTo(String to) {
        if (to == null || !PHONE.matcher(to).matches() && !BSUID.matcher(to).matches()) {
            throw Problems.invalid("to", "conversation.recipient");
        }
        return isPhoneNumber(to) ? ofPhone(to, null) : new Customer(null, to, null, null);
    }

    /** The conversation's key: the phone number when known, else the BSUID. */
    public String waId() {
        return phone != null ? phone : userId;
    }

    /** Whether a WhatsApp id is a phone number (digits) rather than a BSUID ({@code CC.alphanumerics}). */
    public static boolean isPhoneNumber(String waId) {
        return waId != null && !waId.isEmpty() && waId.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** What the message says of the contact, merged into the conversation's contact. */
    Map<String, Object> contactFields() {
        Map<String, Object> contact = new LinkedHashMap<>();
        if (phone != null) {
            contact.put("phone", phone);
        }
        if (userId != null) {
            contact.put("userId", userId);
        }
        if (name != null) {
            contact.put("name", name);
        }
        if (username != null) {
            contact.put("username", username);
        }
        return contact;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
