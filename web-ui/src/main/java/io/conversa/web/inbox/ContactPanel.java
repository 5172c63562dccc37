package io.conversa.web.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.contact.Contact;
import io.conversa.core.contact.ContactUpdate;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.SessionSummary;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The customer beside the thread: who they are, their tags and attributes (editable, as flows
 * read them), the flow's variables in the running session, and the flows they went through before.
 */
class ContactPanel extends Composite<VerticalLayout> implements HasSize {

    private final Consumer<ContactUpdate> save;
    private final DateTimeFormatter when;
    private final Span identity = new Span();
    private final Span optedOut = new Span();
    private final TextField tags = new TextField();
    private final TextArea attributes = new TextArea();
    private final VerticalLayout variables = new VerticalLayout();
    private final VerticalLayout sessions = new VerticalLayout();
    private Map<String, String> shownAttributes = Map.of();

    /** @param save applies the agent's changes to the contact */
    ContactPanel(Consumer<ContactUpdate> save, DateTimeFormatter when) {
        this.save = save;
        this.when = when;
        getContent().setId("contact-panel");
        getContent().setPadding(false);
        identity.setId("contact-identity");
        optedOut.setId("contact-opted-out");
        optedOut.getElement().getThemeList().add("badge error");
        tags.setId("contact-tags");
        tags.setLabel(getTranslation("inbox.contact.tags"));
        tags.setHelperText(getTranslation("inbox.contact.tags.help"));
        tags.setWidthFull();
        attributes.setId("contact-attributes");
        attributes.setLabel(getTranslation("inbox.contact.attributes"));
        attributes.setHelperText(getTranslation("inbox.contact.attributes.help"));
        attributes.setWidthFull();
        Button saveButton = new Button(getTranslation("inbox.contact.save"), VaadinIcon.CHECK.create(), click -> save());
        saveButton.setId("contact-save");
        variables.setId("session-variables");
        variables.setPadding(false);
        variables.setSpacing(false);
        sessions.setId("contact-sessions");
        sessions.setPadding(false);
        sessions.setSpacing(false);
        getContent().add(new H4(getTranslation("inbox.contact.title")), identity, optedOut, tags, attributes, saveButton,
                new H4(getTranslation("inbox.contact.variables")), variables,
                new H4(getTranslation("inbox.contact.sessions")), sessions);
    }

    /** Shows the contact; the fields are refilled only when {@code refill} (another conversation, or after a save). */
    void show(Contact contact, ConversationView conversation, List<SessionSummary> history, boolean refill) {
        identity.setText((contact.name() == null ? "" : contact.name() + " · ") + "+" + contact.waId());
        optedOut.setText(contact.optedOutAt() == null ? "" : getTranslation("inbox.contact.opted-out", when.format(contact.optedOutAt())));
        optedOut.setVisible(contact.optedOutAt() != null);
        if (refill) {
            tags.setValue(String.join(", ", contact.tags()));
            shownAttributes = contact.attributes();
            attributes.setValue(contact.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n")));
        }
        variables.removeAll();
        Map<String, Object> running = conversation.session() == null ? Map.of() : conversation.session().variables();
        if (running.isEmpty()) {
            variables.add(new Span(getTranslation("inbox.contact.no-variables")));
        }
        running.forEach((name, value) -> variables.add(new Span(name + ": " + value)));
        sessions.removeAll();
        for (SessionSummary session : history) {
            Span line = new Span(when.format(session.startedAt()) + " · " + session.flowName() + " v" + session.flowVersion() + " · "
                    + getTranslation("inbox.session." + (session.endReason() == null ? "running" : "ended"),
                    session.endReason() == null ? session.status() : session.endReason()));
            line.addClassName("contact-session");
            sessions.add(line);
        }
    }

    private void save() {
        List<String> tagList = Arrays.stream(tags.getValue().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        Map<String, String> edited = new LinkedHashMap<>();
        for (String line : attributes.getValue().split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                edited.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        // An attribute whose line was deleted is removed.
        Map<String, String> changes = new LinkedHashMap<>(edited);
        shownAttributes.keySet().stream().filter(name -> !edited.containsKey(name)).forEach(name -> changes.put(name, null));
        save.accept(new ContactUpdate(null, tagList, changes));
    }
}
