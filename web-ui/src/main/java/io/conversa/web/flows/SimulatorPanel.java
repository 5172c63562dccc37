package io.conversa.web.flows;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.conversation.MessageView;
import io.conversa.core.conversation.TestConversations;
import io.conversa.core.security.Caller;
import io.conversa.web.components.ErrorMessages;
import io.conversa.web.components.WhatsAppFormatting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A phone beside the canvas that chats with the flow's draft as a customer, through the real
 * pipeline: type a message, tap buttons and list rows, share a location; the bot's messages show as
 * WhatsApp shows them, the step the conversation is on is highlighted on the canvas ({@code onNode}),
 * and the session's variables are listed.
 */
class SimulatorPanel extends VerticalLayout {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final TestConversations tests;
    private final Caller caller;
    private final UUID flowId;
    private final Consumer<String> onNode;
    private final Div phone = new Div();
    private final Pre variables = new Pre();
    private final Span where = new Span();
    private final Paragraph notice = new Paragraph();
    private final TextField input = new TextField();
    private TestConversations.TestChat chat;
    private List<MessageView> shown = List.of();

    SimulatorPanel(TestConversations tests, Caller caller, UUID flowId, Consumer<String> onNode) {
        this.tests = tests;
        this.caller = caller;
        this.flowId = flowId;
        this.onNode = onNode;
        setPadding(false);
        setId("simulator");
        Button restart = new Button(getTranslation("simulator.restart"), VaadinIcon.REFRESH.create(), click -> start());
        restart.setId("sim-restart");
        restart.setTooltipText(getTranslation("simulator.restart.help"));
        restart.addThemeVariants(ButtonVariant.LUMO_SMALL);
        where.setId("sim-node");
        HorizontalLayout header = new HorizontalLayout(restart, where);
        header.setAlignItems(FlexComponent.Alignment.CENTER);

        phone.setId("sim-messages");
        phone.getStyle().set("background", "#efeae2").set("border-radius", "12px").set("padding", "8px")
                .set("height", "22em").set("overflow-y", "auto").set("display", "flex").set("flex-direction", "column")
                .set("gap", "6px").set("width", "100%").set("box-sizing", "border-box");
        input.setId("sim-input");
        input.setPlaceholder(getTranslation("simulator.input"));
        input.setAriaLabel(getTranslation("simulator.input.label"));
        input.setWidthFull();
        Button send = new Button(VaadinIcon.ARROW_RIGHT.create(), click -> sendText());
        send.setId("sim-send");
        send.setAriaLabel(getTranslation("simulator.send"));
        send.addClickShortcut(Key.ENTER).listenOn(input);
        Button location = new Button(VaadinIcon.MAP_MARKER.create(), click -> act(() ->
                tests.shareLocation(chat, 52.520008, 13.404954, "Alexanderplatz, Berlin")));
        location.setId("sim-location");
        location.setAriaLabel(getTranslation("simulator.location"));
        location.setTooltipText(getTranslation("simulator.location.help"));
        HorizontalLayout compose = new HorizontalLayout(input, send, location);
        compose.setWidthFull();
        compose.expand(input);
        variables.setId("sim-variables");
        variables.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "pre-wrap").set("margin", "0");
        notice.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(header, notice, phone, compose, new Span(getTranslation("simulator.variables")), variables);
    }

    /** Starts the test, or starts it anew on the draft as it is now. */
    void start() {
        try {
            chat = tests.start(caller, flowId);
            shown = List.of();
            phone.removeAll();
            notice.setText(getTranslation("simulator.notice", chat.waId()));
            refresh();
        } catch (ErrorResponseException problem) {
            chat = null;
            notice.setText(ErrorMessages.of(problem));
        }
    }

    boolean started() {
        return chat != null;
    }

    /** Shows new messages and where the session stands; called while the panel is open. */
    void refresh() {
        if (chat == null) {
            return;
        }
        List<MessageView> messages = tests.messages(caller, chat);
        if (!messages.equals(shown)) {
            shown = messages;
            phone.removeAll();
            messages.forEach(message -> phone.add(bubble(message)));
            phone.getElement().executeJs("this.scrollTop = this.scrollHeight");
        }
        ConversationView state = tests.state(caller, chat);
        ConversationView.SessionView session = state.session();
        where.setText(session == null ? getTranslation("simulator.noSession")
                : getTranslation("simulator.at", session.nodeId(), session.status().toLowerCase(Locale.ROOT)));
        variables.setText(session == null || session.variables().isEmpty() ? getTranslation("simulator.variables.none") : JSON.writeValueAsString(session.variables()));
        onNode.accept(session == null ? null : session.nodeId());
    }

    private void sendText() {
        String text = input.getValue().strip();
        if (!text.isEmpty()) {
            input.clear();
            act(() -> tests.say(chat, text));
        }
    }

    private void act(Runnable action) {
        if (chat == null) {
            start();
        }
        if (chat == null) {
            return;
        }
        try {
            action.run();
        } catch (ErrorResponseException problem) {
            ErrorMessages.show(problem);
        }
        refresh();
    }

    private Component bubble(MessageView message) {
        boolean fromBot = "OUT".equals(message.direction());
        Div bubble = new Div();
        bubble.addClassName(fromBot ? "sim-bot" : "sim-customer");
        bubble.getStyle().set("background", fromBot ? "white" : "#d9fdd3").set("border-radius", "8px").set("padding", "6px 9px")
                .set("max-width", "85%").set("align-self", fromBot ? "flex-start" : "flex-end").set("white-space", "pre-wrap")
                .set("box-shadow", "0 1px 1px rgba(0,0,0,0.1)").set("font-size", "var(--lumo-font-size-s)");
        Map<String, Object> content = message.content();
        if (!fromBot) {
            bubble.setText(customerText(content));
            return bubble;
        }
        if ("image".equals(message.type()) && content.get("link") instanceof String link) {
            com.vaadin.flow.component.html.Image image = new com.vaadin.flow.component.html.Image(link, "image");
            image.setMaxWidth("100%");
            bubble.add(image);
        }
        Div text = new Div();
        text.getElement().setProperty("innerHTML", WhatsAppFormatting.toHtml(botText(content)));
        bubble.add(text);
        if ("buttons".equals(message.type()) && content.get("buttons") instanceof List<?> buttons) {
            for (Object each : buttons) {
                Map<?, ?> button = (Map<?, ?>) each;
                bubble.add(choice(String.valueOf(button.get("id")), String.valueOf(button.get("title")), false));
            }
        }
        if ("list".equals(message.type()) && content.get("sections") instanceof List<?> sections) {
            VerticalLayout rows = new VerticalLayout();
            rows.setPadding(false);
            rows.setSpacing(false);
            rows.setVisible(false);
            for (Object section : sections) {
                if (((Map<?, ?>) section).get("rows") instanceof List<?> sectionRows) {
                    for (Object each : sectionRows) {
                        Map<?, ?> row = (Map<?, ?>) each;
                        rows.add(choice(String.valueOf(row.get("id")), String.valueOf(row.get("title")), true));
                    }
                }
            }
            Button open = new Button("☰ " + content.getOrDefault("button", getTranslation("node.default.listButton")), click -> rows.setVisible(!rows.isVisible()));
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            open.setWidthFull();
            bubble.add(open, rows);
        }
        if ("FAILED".equals(message.status())) {
            bubble.add(new Paragraph(getTranslation("simulator.failed", message.errorMessage())));
        }
        return bubble;
    }

    private Button choice(String id, String title, boolean listRow) {
        Button choice = new Button(title, click -> act(() -> tests.tap(chat, id, title, listRow)));
        choice.setId((listRow ? "sim-row-" : "sim-button-") + id);
        choice.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        choice.setWidthFull();
        return choice;
    }

    private static String customerText(Map<String, Object> content) {
        if (content.get("replyTitle") != null) {
            return String.valueOf(content.get("replyTitle"));
        }
        if (content.get("text") != null) {
            return String.valueOf(content.get("text"));
        }
        return "(" + content.get("type") + ")";
    }

    private static String botText(Map<String, Object> content) {
        String type = String.valueOf(content.get("type"));
        return switch (type) {
            case "text", "buttons", "list" -> String.valueOf(content.getOrDefault("body", ""));
            case "image" -> String.valueOf(content.getOrDefault("caption", ""));
            case "video", "audio", "document", "sticker" -> "📎 " + type + " " + content.getOrDefault("filename", "")
                    + " " + content.getOrDefault("caption", content.getOrDefault("link", ""));
            case "location" -> "📍 " + content.getOrDefault("name", "") + " " + content.getOrDefault("address", "");
            case "template" -> "📄 " + content.get("name") + " (" + content.getOrDefault("language", "") + ")"
                    + (content.get("components") == null ? "" : "\n" + content.get("components"));
            case "reaction" -> String.valueOf(content.getOrDefault("emoji", ""));
            default -> "(" + type + ")";
        };
    }
}
