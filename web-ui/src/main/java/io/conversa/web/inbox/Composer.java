package io.conversa.web.inbox;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;
import io.conversa.core.channel.whatsapp.MediaUploads;
import io.conversa.core.channel.whatsapp.UploadedMedia;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.OutgoingMessages;
import io.conversa.core.inbox.QuickReply;
import io.conversa.core.template.MessageTemplate;
import io.conversa.web.components.ErrorMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where an agent writes to the customer. It shows the time left in the 24-hour customer-service
 * window; when it has closed, free text is off and the number's approved templates are offered,
 * with a field per parameter. A file attached (within WhatsApp's limits) goes with the text as
 * its caption. Each composed message has its own idempotency key, so a double click or a retry
 * sends it once; what is typed survives the screen's live refreshes. While the agent types, the
 * customer sees "typing...".
 */
class Composer extends Composite<VerticalLayout> {

    /** What the composer does to the conversation it writes to. */
    interface Conversation {

        /** Sends a message with an idempotency key; true when it was accepted (a refusal is shown). */
        boolean send(ObjectNode message, String idempotencyKey);

        /** The approved templates of the conversation's number, asked for when the window is closed. */
        List<MessageTemplate> templates();

        /** The quick replies whose shortcut starts with a prefix, filled in for the customer. */
        List<QuickReply> quickReplies(String prefix);

        /** Uploads a file to the conversation's number. */
        UploadedMedia upload(String mimeType, String filename, byte[] content);

        /** Shows the customer that someone is typing. */
        void typing();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** WhatsApp shows "typing..." for up to 25 seconds: telling it again sooner changes nothing. */
    private static final Duration TYPING_SHOWS = Duration.ofSeconds(20);
    private static final List<String> EMOJI = List.of("😀", "😂", "😊", "😍", "🙏", "👍", "👎", "👏", "🙌", "🎉", "❤️", "🔥",
            "✅", "❌", "⚠️", "🤔", "😢", "😅", "😉", "👋", "📦", "🚚", "💳", "📅", "⏰", "📍", "📞", "✉️");

    private final Conversation conversation;
    private final VerticalLayout suggestions = new VerticalLayout();
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
    private final Upload upload;
    private final Span attachment = new Span();
    private final Button removeAttachment = new Button(VaadinIcon.CLOSE_SMALL.create());
    private final Button emoji = new Button("😊");
    private String replyTo;
    private UploadedMedia attached;
    private String composing = UUID.randomUUID().toString();
    private boolean templatesLoaded;
    private Instant typingShown = Instant.EPOCH;

    Composer(Conversation conversation, Clock clock) {
        this.conversation = conversation;
        this.clock = clock;
        window.setId("window");
        window.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        text.setId("composer");
        text.setPlaceholder(getTranslation("inbox.composer"));
        text.setWidthFull();
        text.setHelperText(getTranslation("inbox.quick-replies.help"));
        // "/" and the first letters of a shortcut offer the team's quick replies.
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(change -> {
            suggest(change.getValue());
            if (change.isFromClient() && !change.getValue().isBlank()) {
                showTyping();
            }
        });
        suggestions.setId("quick-replies");
        suggestions.setPadding(false);
        suggestions.setSpacing(false);
        send.setText(getTranslation("inbox.send"));
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.setId("send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.setDisableOnClick(true);
        send.addClickListener(click -> {
            ObjectNode message = attached != null ? attachmentMessage()
                    : text.getValue().isBlank() ? null : JSON.createObjectNode().put("type", "text").put("body", text.getValue());
            if (message != null && send(message)) {
                text.clear();
                attach(null);
            }
            send.setEnabled(!text.isReadOnly());
        });

        upload = new Upload(UploadHandler.inMemory((metadata, content) -> uploaded(metadata.contentType(), metadata.fileName(), content)));
        upload.setId("attach");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) MediaUploads.LARGEST_FILE);
        upload.setDropAllowed(false);
        upload.setUploadButton(new Button(getTranslation("inbox.attach"), VaadinIcon.PAPERCLIP.create()));
        upload.addFileRejectedListener(rejected -> ErrorMessages.show(getTranslation("inbox.attach.rejected", rejected.getErrorMessage())));
        attachment.setId("attachment");
        removeAttachment.setId("remove-attachment");
        removeAttachment.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        removeAttachment.addClickListener(click -> attach(null));
        attach(null);

        emoji.setId("emoji");
        emoji.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        emoji.getElement().setAttribute("aria-label", getTranslation("inbox.emoji"));
        Popover emojiPicker = new Popover();
        emojiPicker.setTarget(emoji);
        emojiPicker.setId("emoji-picker");
        HorizontalLayout emojiGrid = new HorizontalLayout();
        emojiGrid.setWrap(true);
        emojiGrid.setSpacing(false);
        emojiGrid.setWidth("16em");
        for (String symbol : EMOJI) {
            Button pick = new Button(symbol, click -> text.setValue(text.getValue() + symbol));
            pick.addClassName("emoji-choice");
            pick.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            emojiGrid.add(pick);
        }
        emojiPicker.add(emojiGrid);

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
        HorizontalLayout tools = new HorizontalLayout(emoji, upload, new HorizontalLayout(attachment, removeAttachment), send);
        tools.setAlignItems(FlexComponent.Alignment.CENTER);
        tools.setWrap(true);
        getContent().add(window, new HorizontalLayout(replying, cancelReply), text, suggestions, tools, emojiPicker, templatePicker);
    }

    private void uploaded(String mimeType, String filename, byte[] content) {
        UI ui = UI.getCurrent() != null ? UI.getCurrent() : getUI().orElseThrow();
        ui.access(() -> {
            upload.clearFileList();
            try {
                attach(conversation.upload(mimeType, filename, content));
            } catch (ErrorResponseException e) {
                ErrorMessages.show(e);
            }
        });
    }

    /** Stages an uploaded file for the next message (null: none). */
    private void attach(UploadedMedia media) {
        attached = media;
        attachment.setText(media == null ? "" : "📎 " + (media.filename() == null ? media.kind() : media.filename()));
        attachment.setVisible(media != null);
        removeAttachment.setVisible(media != null);
        upload.setVisible(media == null);
    }

    /** The staged file, with what is typed as its caption (WhatsApp takes none for audio and stickers). */
    private ObjectNode attachmentMessage() {
        ObjectNode message = JSON.createObjectNode().put("type", attached.kind()).put("id", attached.id());
        if ("document".equals(attached.kind()) && attached.filename() != null) {
            message.put("filename", attached.filename());
        }
        if (!text.getValue().isBlank() && !"audio".equals(attached.kind()) && !"sticker".equals(attached.kind())) {
            message.put("caption", text.getValue());
        }
        return message;
    }

    private void showTyping() {
        Instant now = clock.instant();
        if (Duration.between(typingShown, now).compareTo(TYPING_SHOWS) > 0) {
            typingShown = now;
            conversation.typing();
        }
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
        for (QuickReply reply : conversation.quickReplies(typed.substring(1))) {
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
    void update(ConversationView current) {
        OffsetDateTime last = current.lastInboundAt();
        Duration left = last == null ? Duration.ZERO
                : Duration.between(OffsetDateTime.now(clock), last.plus(OutgoingMessages.CUSTOMER_SERVICE_WINDOW));
        boolean open = left.isPositive();
        window.setText(open ? getTranslation("inbox.window.open", left.toHours(), left.toMinutesPart())
                : getTranslation(last == null ? "inbox.window.never" : "inbox.window.closed"));
        text.setReadOnly(!open);
        send.setEnabled(open);
        emoji.setEnabled(open);
        upload.setVisible(open && attached == null);
        if (!open && !templatesLoaded) {
            template.setItems(conversation.templates().stream().filter(MessageTemplate::approved).toList());
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
        if (conversation.send(message, composing)) {
            composing = UUID.randomUUID().toString();
            replyTo(null, null);
            return true;
        }
        return false;
    }
}
