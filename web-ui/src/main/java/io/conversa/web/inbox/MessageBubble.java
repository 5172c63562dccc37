package io.conversa.web.inbox;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.conversa.core.conversation.MessageView;
import io.conversa.web.components.WhatsAppFormatting;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One message of the thread as WhatsApp would show it: formatted text, media with a preview,
 * locations, contacts, buttons and lists, replies, reactions and templates; who wrote it; for
 * ours, the delivery ticks (and the Cloud API's reason when it failed).
 */
class MessageBubble extends Div {

    private static final Map<String, String> TICKS = Map.of("PENDING", "🕓", "SENDING", "🕓", "SENT", "✓", "DELIVERED", "✓✓",
            "READ", "✓✓", "FAILED", "⚠");

    private final MessageView message;
    private final Map<String, Object> content;
    private final Function<String, DownloadHandler> customerFile;

    /**
     * @param quoted       the text of the message it quotes, if it quotes one
     * @param customerFile a file the customer sent, by media id
     * @param reply        quotes this (customer's) message in the agent's next answer
     */
    MessageBubble(MessageView message, String quoted, DateTimeFormatter when, Function<String, DownloadHandler> customerFile,
            Consumer<MessageView> reply) {
        this.message = message;
        this.content = message.content();
        this.customerFile = customerFile;
        boolean in = "IN".equals(message.direction());
        addClassNames("message", in ? "message-in" : "message-out");
        getElement().setAttribute("data-type", message.type());
        getStyle().set("max-width", "70%").set("margin", "var(--lumo-space-xs) 0")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", in ? "var(--lumo-contrast-5pct)" : "var(--lumo-primary-color-10pct)")
                .set("margin-left", in ? "0" : "auto");
        Span who = new Span(getTranslation("inbox.from." + Optional.ofNullable(message.origin()).orElse("FLOW").toLowerCase())
                + " · " + when.format(message.at()));
        who.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        add(who);
        if (quoted != null) {
            Div quote = new Div(new Span(quoted));
            quote.addClassName("message-quote");
            quote.getStyle().set("border-left", "3px solid var(--lumo-primary-color)").set("padding-left", "var(--lumo-space-s)")
                    .set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
            add(quote);
        }
        add(body());
        if (!in && message.status() != null) {
            add(status());
        }
        if (in && message.waMessageId() != null) {
            Button answer = new Button(getTranslation("inbox.reply"), VaadinIcon.REPLY.create(), click -> reply.accept(message));
            answer.addClassName("reply");
            answer.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            add(answer);
        }
    }

    /** A line of text for a message: what a quote or a reply shows of it. */
    static String summary(MessageView message, Function<String, String> translation) {
        Map<String, Object> content = message.content();
        for (String field : List.of("text", "body", "replyTitle", "caption", "emoji", "name")) {
            if (content.get(field) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return translation.apply("inbox.message.kind." + message.type());
    }

    private Component body() {
        Div body = new Div();
        body.addClassName("message-text");
        switch (message.type()) {
            case "text" -> body.add(formatted(string("text", "body")));
            case "image", "sticker", "video", "audio", "document" -> {
                body.add(media());
                String caption = string("text", "caption");
                if (caption != null) {
                    body.add(formatted(caption));
                }
            }
            case "location" -> body.add(location());
            case "contacts" -> body.add(contacts());
            case "reaction" -> body.add(new Span(getTranslation("inbox.message.reaction", reaction("emoji"))));
            case "buttons", "list" -> {
                body.add(formatted(string("body")));
                body.add(choices());
            }
            case "template" -> body.add(new Span(getTranslation("inbox.message.template", content.get("name"), content.get("language"))));
            case "interactive", "button" -> body.add(chip("↩ " + Optional.ofNullable(string("replyTitle", "text")).orElse("")));
            default -> body.add(new Span(getTranslation("inbox.message.unsupported", message.type())));
        }
        return body;
    }

    /** A customer's file is previewed from what Conversa fetched; ours by its link, or named when uploaded. */
    private Component media() {
        Map<?, ?> media = attribute("media");
        String type = message.type();
        if (media != null && media.get("id") instanceof String id) {
            DownloadHandler file = customerFile.apply(id);
            return switch (type) {
                case "image", "sticker" -> preview(new Image(file, getTranslation("inbox.message.kind." + type)));
                case "video", "audio" -> player(type, file);
                default -> new Anchor(file, "📄 " + Optional.ofNullable((String) media.get("filename"))
                        .orElse(getTranslation("inbox.message.kind.document")));
            };
        }
        String link = string("link");
        if (link != null) {
            if ("image".equals(type) || "sticker".equals(type)) {
                return preview(new Image(link, getTranslation("inbox.message.kind." + type)));
            }
            return new Anchor(link, "📎 " + Optional.ofNullable(string("filename")).orElse(link), AnchorTarget.BLANK);
        }
        return chip("📎 " + Optional.ofNullable(string("filename")).orElse(getTranslation("inbox.message.kind." + type)));
    }

    private static Component preview(Image image) {
        image.addClassName("media-preview");
        image.setMaxWidth("16em");
        image.setMaxHeight("16em");
        image.getStyle().set("border-radius", "var(--lumo-border-radius-m)").set("display", "block");
        return image;
    }

    private static Component player(String type, DownloadHandler file) {
        Div player = new Div();
        Element element = new Element(type);
        element.setAttribute("controls", true);
        element.setAttribute("src", file);
        element.getStyle().set("max-width", "16em");
        element.getClassList().add("media-preview");
        player.getElement().appendChild(element);
        return player;
    }

    private Component location() {
        Map<?, ?> location = Optional.<Map<?, ?>>ofNullable(attribute("location")).orElse(content);
        Object latitude = location.get("latitude");
        Object longitude = location.get("longitude");
        String label = "📍 " + (location.get("name") != null ? location.get("name") + " · " : "")
                + (location.get("address") != null ? location.get("address") + " · " : "") + latitude + ", " + longitude;
        Anchor map = new Anchor("https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude + "#map=17/" + latitude + "/"
                + longitude, label, AnchorTarget.BLANK);
        map.addClassName("location");
        return map;
    }

    private Component contacts() {
        Div cards = new Div();
        Object list = Optional.<Object>ofNullable(attributeValue("contacts")).orElse(content.get("contacts"));
        if (list instanceof List<?> contacts) {
            for (Object entry : contacts) {
                if (entry instanceof Map<?, ?> contact) {
                    cards.add(new Div(new Span("👤 " + contactName(contact) + contactPhones(contact))));
                }
            }
        }
        return cards;
    }

    private static String contactName(Map<?, ?> contact) {
        if (contact.get("formattedName") instanceof String name) {
            return name;
        }
        return contact.get("name") instanceof Map<?, ?> name ? String.valueOf(name.get("formatted_name")) : "";
    }

    private static String contactPhones(Map<?, ?> contact) {
        if (!(contact.get("phones") instanceof List<?> phones) || phones.isEmpty()) {
            return "";
        }
        return " · " + phones.stream().map(phone -> phone instanceof Map<?, ?> p ? String.valueOf(p.get("phone")) : String.valueOf(phone))
                .collect(Collectors.joining(", "));
    }

    private Component choices() {
        Div choices = new Div();
        if (content.get("buttons") instanceof List<?> buttons) {
            buttons.forEach(b -> choices.add(chip(b instanceof Map<?, ?> button ? String.valueOf(button.get("title")) : "")));
        }
        if (content.get("sections") instanceof List<?> sections) {
            choices.add(chip("☰ " + Optional.ofNullable(string("button")).orElse("")));
            for (Object section : sections) {
                if (section instanceof Map<?, ?> s && s.get("rows") instanceof List<?> rows) {
                    rows.forEach(r -> choices.add(chip(r instanceof Map<?, ?> row ? String.valueOf(row.get("title")) : "")));
                }
            }
        }
        return choices;
    }

    private Component status() {
        String status = message.status();
        Span ticks = new Span(TICKS.getOrDefault(status, status) + ("FAILED".equals(status)
                ? " " + getTranslation("inbox.message.failed", message.errorCode(), message.errorMessage()) : ""));
        ticks.addClassName("message-status");
        ticks.getElement().setAttribute("data-status", status);
        ticks.getElement().setAttribute("title", getTranslation("inbox.message.status." + status.toLowerCase()));
        ticks.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("float", "right").set("margin-left", "var(--lumo-space-s)")
                .set("color", switch (status) {
                    case "READ" -> "#34b7f1";
                    case "FAILED" -> "var(--lumo-error-text-color)";
                    default -> "var(--lumo-secondary-text-color)";
                });
        return ticks;
    }

    private static Span chip(String text) {
        Span chip = new Span(text);
        chip.addClassName("chip");
        chip.getElement().getThemeList().add("badge contrast");
        chip.getStyle().set("margin", "var(--lumo-space-xs) var(--lumo-space-xs) 0 0");
        return chip;
    }

    private static Span formatted(String text) {
        Span span = new Span();
        span.getElement().setProperty("innerHTML", WhatsAppFormatting.toHtml(text).replace("\n", "<br>"));
        span.getStyle().set("white-space", "normal");
        return span;
    }

    /** The first of these fields that holds a text. */
    private String string(String... fields) {
        for (String field : fields) {
            if (content.get(field) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private String reaction(String field) {
        Map<?, ?> reaction = Optional.<Map<?, ?>>ofNullable(attribute("reaction")).orElse(content);
        return String.valueOf(Optional.ofNullable(reaction.get(field)).orElse(""));
    }

    /** A customer's message keeps what is particular to its type in {@code attributes}. */
    private Map<?, ?> attribute(String name) {
        return attributeValue(name) instanceof Map<?, ?> map ? map : null;
    }

    private Object attributeValue(String name) {
        return content.get("attributes") instanceof Map<?, ?> attributes ? attributes.get(name) : null;
    }
}
