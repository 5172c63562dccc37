package io.conversa.web.inbox;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.conversa.core.conversation.MessageView;
import io.conversa.core.conversation.StepView;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A conversation's thread: both directions in order, with the path the flow took folded in
 * between (which nodes ran). Live refreshes re-render only what changed at the end, so media
 * previews are not fetched again and what the agent scrolled to stays in place.
 */
class MessageList extends Div {

    private static final DateTimeFormatter STEP_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A message, or the steps the flow took between two messages. */
    private record Item(OffsetDateTime at, int order, String key, MessageView message, List<StepView> steps) {
    }

    private final DateTimeFormatter when;
    private final Function<String, DownloadHandler> customerFile;
    private final Consumer<MessageView> reply;
    private final List<String> shown = new ArrayList<>();

    MessageList(DateTimeFormatter when, Function<String, DownloadHandler> customerFile, Consumer<MessageView> reply) {
        this.when = when;
        this.customerFile = customerFile;
        this.reply = reply;
        setId("messages");
        setWidthFull();
        getStyle().set("overflow", "auto").set("flex-grow", "1").set("min-height", "12em");
    }

    /** Shows these messages and steps, both oldest first. */
    void show(List<MessageView> messages, List<StepView> steps) {
        List<Item> items = timeline(messages, steps);
        int same = 0;
        while (same < shown.size() && same < items.size() && shown.get(same).equals(items.get(same).key())) {
            same++;
        }
        if (same == items.size() && same == shown.size()) {
            return;
        }
        Map<String, String> texts = messages.stream().filter(m -> m.waMessageId() != null).collect(Collectors.toMap(
                MessageView::waMessageId, m -> MessageBubble.summary(m, this::getTranslation), (first, again) -> first));
        List<Component> stale = getChildren().skip(same).toList();
        stale.forEach(this::remove);
        shown.subList(same, shown.size()).clear();
        for (Item item : items.subList(same, items.size())) {
            add(item.message() != null ? bubble(item.message(), texts) : path(item.steps()));
            shown.add(item.key());
        }
        getElement().executeJs("requestAnimationFrame(() => this.scrollTop = this.scrollHeight)");
    }

    private Component bubble(MessageView message, Map<String, String> texts) {
        String quoted = message.replyTo() == null ? null
                : texts.getOrDefault(message.replyTo(), getTranslation("inbox.reply.earlier"));
        return new MessageBubble(message, quoted, when, customerFile, reply);
    }

    /** The flow's steps between two messages, folded: the nodes it entered, and every step when opened. */
    private Component path(List<StepView> steps) {
        String nodes = steps.stream().filter(s -> "NODE_ENTERED".equals(s.kind())).map(StepView::nodeId)
                .collect(Collectors.joining(" → "));
        Div lines = new Div();
        for (StepView step : steps) {
            Span line = new Span(STEP_TIME.format(step.at().atZoneSameInstant(when.getZone())) + " · "
                    + getTranslation("inbox.path.kind." + step.kind()) + " · " + step.nodeId()
                    + (step.detail() == null || step.detail().isBlank() ? "" : " · " + step.detail()));
            line.getStyle().set("display", "block");
            lines.add(line);
        }
        Details path = new Details(getTranslation("inbox.path", nodes.isEmpty() ? steps.getFirst().nodeId() : nodes), lines);
        path.addClassName("flow-path");
        path.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
                .set("margin", "0 auto").set("text-align", "center");
        return path;
    }

    /**
     * Messages and steps by time. A step runs after the customer's message that woke it and
     * before the messages it sent (which carry its time), so at equal times it comes between.
     */
    private static List<Item> timeline(List<MessageView> messages, List<StepView> steps) {
        List<Item> items = new ArrayList<>();
        for (MessageView m : messages) {
            items.add(new Item(m.at(), "IN".equals(m.direction()) ? 0 : 2, String.join("|", m.direction(), String.valueOf(m.recordedAt()),
                    String.valueOf(m.waMessageId()), m.type(), String.valueOf(m.status()), String.valueOf(m.errorCode())), m, null));
        }
        for (StepView s : steps) {
            items.add(new Item(s.at(), 1, "step|" + s.id(), null, List.of(s)));
        }
        items.sort(Comparator.comparing(Item::at).thenComparing(Item::order));
        List<Item> grouped = new ArrayList<>();
        for (Item item : items) {
            Item last = grouped.isEmpty() ? null : grouped.getLast();
            if (item.steps() != null && last != null && last.steps() != null) {
                List<StepView> together = new ArrayList<>(last.steps());
                together.addAll(item.steps());
                grouped.set(grouped.size() - 1, new Item(last.at(), 1, "path|" + together.getFirst().id() + "|" + item.steps().getFirst().id(),
                        null, together));
            } else {
                grouped.add(item);
            }
        }
        return grouped;
    }
}
