package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

/** Contact cards: a formatted name with phone numbers and emails each. */
public record Contacts(List<Contact> contacts) implements OutgoingMessage {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public Contacts {
        contacts = contacts == null ? List.of() : contacts;
    }

    public record Contact(String formattedName, List<String> phones, List<String> emails) {
        public Contact {
            phones = phones == null ? List.of() : phones;
            emails = emails == null ? List.of() : emails;
        }
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = new Checks().count("contacts", contacts, 1, 257);
        for (int i = 0; contacts != null && i < contacts.size(); i++) {
            checks.required("contacts[" + i + "].formattedName", contacts.get(i).formattedName());
        }
        return checks.problems();
    }
}
