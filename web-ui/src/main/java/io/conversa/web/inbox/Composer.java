package io.conversa.web.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.inbox.QuickReply;
import io.conversa.core.template.MessageTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where an agent writes to the customer. It shows the time left in the 24-hour customer-service
 * window; when it has closed, free text is off and the number's approved templates are offered,
 * with a field per parameter. Each composed message has its own idempotency key, so a double
 * click or a retry sends it once; what is typed survives the screen's live refreshes.
 */
class Composer extends Composite<VerticalLayout> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BiPredicate<ObjectNode, String> sender;
    private final Function<String, List<QuickReply>> quickReplies;
    private final VerticalLayout suggestions = new VerticalLayout();
    private final Supplier<List<MessageTemplate>> templates;
    private final Clock clock;
    private final Span window = new Span();
    private final TextArea text = new TextArea();
    private final Button send = new Button();
    private final ComboBox<MessageTemplate> template = new ComboBox<>();
    private final VerticalLayout parameters = new VerticalLayout();
    private final Button sendTemplate = new Button();
    private final VerticalLayout templatePicker = new VerticalLayout();
    private final Span replying = new Span();
    private final Button cancelReply = new Button(VaadinIcon.CLOSE_SMALL.create());
    private String replyTo;
    private String composing = UUID.randomUUID().toString();
    private boolean templatesLoaded;

    /**
     * @param sender    sends a message with an idempotency key; true when it was accepted
     * @param templates the approved templates of the conversation's number, asked for when the window is closed
     * @param quickReplies the quick replies whose shortcut starts with a prefix, filled in for the customer
     */
    Composer(BiPredicate<ObjectNode, String> sender, Supplier<List<MessageTemplate>> templates,
            Function<String, List<QuickReply>> quickReplies, Clock clock) {
        this.sender = sender;
        this.quickReplies = quickReplies;
        this.templates = templates;
        this.clock = clock;
        window.setId("window");
        window.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        text.setId("composer");
        text.setPlaceholder(getTranslation("inbox.composer"));
        text.setWidthFull();
        text.setHelperText(getTranslation("inbox.quick-replies.help"));
        // "/" and the first letters of a shortcut offer the team's quick replies.
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(change -> suggest(change.getValue()));
        suggestions.setId("quick-replies");
        suggestions.setPadding(false);
        suggestions.setSpacing(false);
        send.setText(getTranslation("inbox.send"));
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.setId("send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setDisableOnClick(true);
        send.addClickListener(click -> {
            if (!text.getValue().isBlank() && send(JSON.createObjectNode().put("type", "text").put("body", text.getValue()))) {
                text.clear();
            }
            send.setEnabled(!text.isReadOnly());
        });

        template.setId("template");
        template.setLabel(getTranslation("inbox.template"));
        template.setItemLabelGenerator(t -> t.name() + " (" + t.language() + ")");
        template.setWidthFull();
        template.addValueChangeListener(change -> showParameters(change.getValue()));
        parameters.setPadding(false);
        parameters.setSpacing(false);
        sendTemplate.setText(getTranslation("inbox.send-template"));
        sendTemplate.setIcon(VaadinIcon.PAPERPLANE.create());
        sendTemplate.setId("send-template");
        sendTemplate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        sendTemplate.addClickListener(click -> sendTemplate());
        templatePicker.setPadding(false);
        templatePicker.add(template, parameters, sendTemplate);

        getContent().setPadding(false);
        replying.setId("replying");
        cancelReply.setId("cancel-reply");
        cancelReply.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        cancelReply.addClickListener(click -> replyTo(null, null));
        replyTo(null, null);
        getContent().add(window, new HorizontalLayout(replying, cancelReply), text,
                suggestions, send, templatePicker);
    }

    /** Quotes a customer's message in the next message (null: quote nothing). */
    void replyTo(String waMessageId, String preview) {
        replyTo = waMessageId;
        replying.setText(waMessageId == null ? "" : getTranslation("inbox.replying", preview));
        replying.setVisible(waMessageId != null);
        cancelReply.setVisible(waMessageId != null);
    }

    private void suggest(String typed) {
        suggestions.removeAll();
        if (!typed.startsWith("/") || typed.contains(" ") || typed.contains("\n")) {
            return;
        }
        for (QuickReply reply : quickReplies.apply(typed.substring(1))) {
            Button choice = new Button("/" + reply.shortcut() + " · " + reply.body(), click -> {
                text.setValue(reply.body());
                suggestions.removeAll();
            });
            choice.setId("quick-reply-" + reply.shortcut());
            choice.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            suggestions.add(choice);
        }
    }

    /** Follows the conversation's window; typed text and a chosen template stay as they are. */
    void update(ConversationView conversation) {
        OffsetDateTime last = conversation.lastInboundAt();
        Duration left = last == null ? Duration.ZERO
                : Duration.between(OffsetDateTime.now(clock), last.plus(OutgoingMessages.CUSTOMER_SERVICE_WINDOW));
        boolean open = left.isPositive();
        window.setText(open ? getTranslation("inbox.window.open", left.toHours(), left.toMinutesPart())
                : getTranslation(last == null ? "inbox.window.never" : "inbox.window.closed"));
        text.setReadOnly(!open);
        send.setEnabled(open);
        if (!open && !templatesLoaded) {
            template.setItems(templates.get().stream().filter(MessageTemplate::approved).toList());
            templatesLoaded = true;
        }
        templatePicker.setVisible(!open);
    }

    private void showParameters(MessageTemplate chosen) {
        parameters.removeAll();
        if (chosen == null) {
            return;
        }
        Span body = new Span(chosen.bodyText());
        body.addClassName("template-preview");
        parameters.add(body);
        int index = 0;
        for (String section : List.of("header", "body")) {
            for (String placeholder : "header".equals(section) ? chosen.headerParameters() : chosen.bodyParameters()) {
                TextField field = new TextField(getTranslation("inbox.template.parameter." + section, placeholder));
                field.setId("parameter-" + index++);
                field.getElement().setAttribute("data-section", section);
                field.setWidthFull();
                parameters.add(field);
            }
        }
    }

    private void sendTemplate() {
        MessageTemplate chosen = template.getValue();
        if (chosen == null) {
            return;
        }
        ObjectNode message = JSON.createObjectNode().put("type", "template").put("name", chosen.name())
                .put("language", chosen.language());
        ArrayNode components = message.putArray("components");
        for (String section : List.of("header", "body")) {
            List<String> values = new ArrayList<>();
            parameters.getChildren().filter(c -> c instanceof TextField f && section.equals(f.getElement().getAttribute("data-section")))
                    .forEach(c -> values.add(((TextField) c).getValue()));
            if (!values.isEmpty()) {
                ArrayNode list = components.addObject().put("type", section).putArray("parameters");
                values.forEach(value -> list.addObject().put("type", "text").put("text", value));
            }
        }
        if (send(message)) {
            template.clear();
        }
    }

    private boolean send(ObjectNode message) {
        if (replyTo != null) {
            message.put("replyTo", replyTo);
        }
        // One key per composed message: a double click or a retry sends it once.
        if (sender.test(message, composing)) {
            composing = UUID.randomUUID().toString();
            replyTo(null, null);
            return true;
        }
        return false;
    }
}
