package io.conversa.web.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.CustomerMedia;
import io.conversa.core.channel.whatsapp.UploadedMedia;
import io.conversa.core.contact.ContactService;
import io.conversa.core.conversation.ConversationFilter;
import io.conversa.core.conversation.ConversationService;
import io.conversa.core.conversation.ConversationView;
import io.conversa.core.event.EventNotifier;
import io.conversa.core.inbox.ConversationMedia;
import io.conversa.core.inbox.LiveChatService;
import io.conversa.core.inbox.Note;
import io.conversa.core.inbox.Presence;
import io.conversa.core.inbox.QuickReply;
import io.conversa.core.inbox.QuickReplyService;
import io.conversa.core.security.Caller;
import io.conversa.core.template.MessageTemplate;
import io.conversa.core.template.TemplateService;
import io.conversa.core.tenant.Role;
import io.conversa.core.user.Member;
import io.conversa.core.user.UserService;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.EmptyState;
import io.conversa.web.components.ErrorMessages;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agents' inbox: conversations as they happen (pushed, no reload), filtered the way a support
 * team works; a conversation's thread, both ways and marked by who wrote, with take, answer,
 * notes, close and release to the bot.
 */
@Route("inbox")
@PermitAll
public class InboxView extends VerticalLayout implements HasDynamicTitle {

    /** How long showing a customer's file waits for Conversa to fetch it from the Cloud API. */
    private static final Duration MEDIA_WAIT = Duration.ofSeconds(20);
    private static final int PAGE = 50;
    /** Sets the tab's title; with a notification to give, a short tone and, in the background, a desktop notification. */
    private static final String ALERT = """
            const [title, heading, body] = [$0, $1, $2];
            document.title = title;
            if (heading) {
              try {
                const audio = new AudioContext(), tone = audio.createOscillator(), volume = audio.createGain();
                tone.frequency.value = 880; volume.gain.value = 0.1;
                tone.connect(volume).connect(audio.destination); tone.start(); tone.stop(audio.currentTime + 0.15);
              } catch (e) { /* no sound before the page was touched */ }
              if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
                new Notification(heading, {body});
              }
            }""";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM HH:mm").withZone(ZoneId.systemDefault());

    private final ConversationService conversations;
    private final LiveChatService liveChat;
    private final TemplateService templates;
    private final ContactService contacts;
    private final QuickReplyService quickReplies;
    private final ConversationMedia media;
    private final Clock clock;
    private final EventNotifier notifier;
    private final Caller caller;
    private final Tabs filters = new Tabs();
    private final TextField search = new TextField();
    private final Grid<ConversationView> list = new Grid<>();
    private final VerticalLayout thread = new VerticalLayout();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final H3 threadTitle = new H3();
    private final Span threadState = new Span();
    private final HorizontalLayout actionsBar = new HorizontalLayout();
    private MessageList messages;
    private final VerticalLayout notesList = new VerticalLayout();
    private final Map<UUID, String> members;
    private UUID open;
    private Composer composer;
    private ContactPanel contactPanel;
    private final Select<String> presenceStatus = new Select<>();
    private final Button more = new Button();
    private final Attention attention = new Attention();
    private final Presence presence;
    private final ComboBox<UUID> number = new ComboBox<>();
    private ComboBox<UUID> assignTo;
    private int listed = PAGE;
    private Runnable stopListening;
    private Registration renewPresence;

    public InboxView(AuthenticationContext authentication, ConversationService conversations, LiveChatService liveChat,
            TemplateService templates, ContactService contacts, QuickReplyService quickReplies, ConversationMedia media,
            Presence presence, ChannelService channels, EventNotifier notifier, UserService users, Clock clock) {
        this.presence = presence;
        this.quickReplies = quickReplies;
        this.media = media;
        this.conversations = conversations;
        this.liveChat = liveChat;
        this.templates = templates;
        this.contacts = contacts;
        this.clock = clock;
        this.notifier = notifier;
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        this.members = users.list(caller).stream().collect(Collectors.toMap(Member::id, Member::name));
        setSizeFull();

        for (String filter : List.of("mine", "unassigned", "open", "handed-off", "closed")) {
            Tab tab = new Tab(getTranslation("inbox.filter." + filter));
            tab.setId("filter-" + filter);
            filters.add(tab);
        }
        filters.setSelectedIndex(2);
        filters.addSelectedChangeListener(change -> refreshList());
        search.setId("inbox-search");
        search.setPlaceholder(getTranslation("inbox.search"));
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(change -> refreshList());
        search.setWidthFull();
        Map<UUID, String> numbers = channels.names(caller);
        number.setId("inbox-number");
        number.setPlaceholder(getTranslation("inbox.all-numbers"));
        number.setItems(numbers.keySet());
        number.setItemLabelGenerator(channel -> numbers.getOrDefault(channel, "?"));
        number.setClearButtonVisible(true);
        number.setVisible(numbers.size() > 1);
        number.addValueChangeListener(change -> refreshList());

        list.setId("conversations");
        list.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        list.addComponentColumn(this::summary);
        list.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null) {
                show(change.getValue().id());
            }
        });
        more.setText(getTranslation("inbox.more"));
        more.setId("more");
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(click -> {
            listed += PAGE;
            refreshList();
        });
        VerticalLayout left = new VerticalLayout(new HorizontalLayout(search, number), list, more);
        left.setPadding(false);
        left.setSizeFull();

        thread.setId("thread");
        thread.setSizeFull();
        thread.getStyle().set("overflow", "auto");
        thread.add(new EmptyState(VaadinIcon.CHAT, getTranslation("inbox.empty.title"), getTranslation("inbox.pick")));

        SplitLayout split = new SplitLayout(left, thread);
        split.setSplitterPosition(35);
        split.setSizeFull();
        presenceStatus.setId("presence");
        presenceStatus.setItems("ONLINE", "AWAY");
        presenceStatus.setItemLabelGenerator(status -> getTranslation("inbox.presence." + status.toLowerCase()));
        presenceStatus.setValue("ONLINE");
        presenceStatus.addValueChangeListener(change -> presence.set(caller, change.getValue()));
        Button notifications = new Button(VaadinIcon.BELL.create(), click -> getElement().executeJs(
                "if ('Notification' in window) { Notification.requestPermission(); }"));
        notifications.setId("notifications");
        notifications.setTooltipText(getTranslation("inbox.notifications"));
        notifications.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("inbox.title")), presenceStatus, notifications);
        header.setAlignItems(Alignment.BASELINE);
        add(header, filters, split);
        refreshList();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("inbox.page-title");
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        // Present while the inbox is open: renewed on a poll, gone by itself when the browser is.
        presence.set(caller, presenceStatus.getValue());
        ui.setPollInterval((int) Presence.RENEW.toMillis());
        renewPresence = ui.addPollListener(poll -> presence.set(caller, presenceStatus.getValue()));
        lookForAttention();
        // A notice comes on the thread that committed: the screen refreshes on a thread of its own, once per burst.
        stopListening = notifier.listen(tenantId -> {
            if (tenantId.equals(caller.tenantId()) && refreshing.compareAndSet(false, true)) {
                Thread.ofVirtual().start(() -> ui.access(() -> {
                    refreshing.set(false);
                    // The open conversation first: what is on screen is seen before the list counts it.
                    if (open != null) {
                        show(open);
                    }
                    refreshList();
                    lookForAttention();
                }));
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (stopListening != null) {
            stopListening.run();
        }
        if (renewPresence != null) {
            renewPresence.remove();
            detach.getUI().setPollInterval(-1);
        }
        presence.leave(caller);
    }

    /**
     * Announces a new handoff, or a new message in one of the agent's conversations: a short tone,
     * a desktop notification when the tab is in the background (and allowed), and the count in the
     * tab's title.
     */
    private void lookForAttention() {
        List<ConversationView> waiting = conversations.page(caller,
                new ConversationFilter("OPEN", null, true, null, null, true, null), null, 200).items();
        List<ConversationView> mine = conversations.page(caller,
                new ConversationFilter("OPEN", caller.userId(), false, null, null, false, null), null, 200).items();
        List<ConversationView> fresh = attention.look(waiting, mine);
        String title = (attention.count() > 0 ? "(" + attention.count() + ") " : "") + getPageTitle();
        getElement().executeJs(ALERT, title, fresh.isEmpty() ? null : getTranslation("inbox.notification.title"),
                fresh.isEmpty() ? null : fresh.stream().map(InboxView::name).collect(Collectors.joining(", ")));
    }

    private ConversationFilter filter() {
        String q = search.getValue().isBlank() ? null : search.getValue();
        UUID channel = number.getValue();
        return switch (filters.getSelectedIndex()) {
            case 0 -> new ConversationFilter("OPEN", caller.userId(), false, channel, null, false, q);
            case 1 -> new ConversationFilter("OPEN", null, true, channel, null, false, q);
            case 3 -> new ConversationFilter("OPEN", null, false, channel, null, true, q);
            case 4 -> new ConversationFilter("CLOSED", null, false, channel, null, false, q);
            default -> new ConversationFilter("OPEN", null, false, channel, null, false, q);
        };
    }

    /** The newest {@code listed} conversations of the filter; "Show more" lists more. */
    private void refreshList() {
        var page = conversations.page(caller, filter(), null, listed);
        list.setItems(page.items());
        more.setVisible(page.next() != null);
    }

    private HorizontalLayout summary(ConversationView conversation) {
        Span name = new Span(name(conversation));
        name.getStyle().set("font-weight", "600");
        Span when = new Span(conversation.lastInboundAt() == null ? "" : WHEN.format(conversation.lastInboundAt()));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        VerticalLayout text = new VerticalLayout(name, new Span(badges(conversation)));
        text.setPadding(false);
        text.setSpacing(false);
        HorizontalLayout row = new HorizontalLayout(text, when);
        row.setWidthFull();
        row.expand(text);
        row.addClassName("conversation-row");
        row.getElement().setAttribute("data-wa-id", conversation.waId());
        row.getElement().setAttribute("data-unread", String.valueOf(conversation.unread()));
        return row;
    }

    private String badges(ConversationView conversation) {
        String assignee = conversation.assigneeId() == null ? getTranslation("inbox.unassigned")
                : conversation.assigneeId().equals(caller.userId()) ? getTranslation("inbox.assigned-to-me")
                : getTranslation("inbox.assigned-to", members.getOrDefault(conversation.assigneeId(), "?"));
        boolean waiting = conversation.session() != null && "HANDED_OFF".equals(conversation.session().status());
        return getTranslation("inbox.status." + conversation.status().toLowerCase()) + " · " + assignee
                + (conversation.labels().isEmpty() ? "" : " · " + String.join(", ", conversation.labels()))
                + (waiting ? " · " + getTranslation("inbox.waiting") : "")
                + (conversation.unread() > 0 && conversation.lastInboundAt() != null ? " · " + getTranslation("inbox.unread",
                conversation.unread(), Duration.between(conversation.lastInboundAt(), OffsetDateTime.now(clock)).toMinutes()) : "");
    }

    /**
     * Opens a conversation; the same one again only refreshes what changes (state, actions,
     * messages, notes): what the agent is typing stays as it is while statuses and messages arrive.
     */
    private void show(UUID id) {
        ConversationView conversation;
        try {
            // What the agent sees is read: the list's unread count clears.
            conversations.seen(caller, id);
            conversation = conversations.get(caller, id);
        } catch (ErrorResponseException e) {
            ErrorMessages.show(e);
            return;
        }
        boolean another = !id.equals(open);
        if (another) {
            open = id;
            threadTitle.setId("thread-title");
            threadState.setId("thread-state");
            notesList.setId("notes");
            notesList.setPadding(false);
            composer = new Composer(composing(id, conversation.channelId()), clock);
            messages = new MessageList(WHEN, mediaId -> customerFile(id, mediaId),
                    message -> composer.replyTo(message.waMessageId(), MessageBubble.summary(message, this::getTranslation)));
            contactPanel = new ContactPanel(update -> {
                if (act(() -> contacts.update(caller, id, update))) {
                    contactPanel.show(contacts.get(caller, id), conversations.get(caller, id), conversations.sessions(caller, id, 20), true);
                }
            }, WHEN);
            contactPanel.setWidth("22em");
            HorizontalLayout organise = new HorizontalLayout(labelsField(id, conversation.labels()));
            if (manager()) {
                organise.add(assignField(id));
            }
            VerticalLayout center = new VerticalLayout(new HorizontalLayout(threadTitle, threadState), actionsBar, organise, messages,
                    composer, notesList, noteInput(id));
            center.setPadding(false);
            HorizontalLayout columns = new HorizontalLayout(center, contactPanel);
            columns.setSizeFull();
            columns.expand(center);
            thread.removeAll();
            thread.add(columns);
        }
        threadTitle.setText(name(conversation));
        threadState.setText(badges(conversation));
        if (assignTo != null && !Objects.equals(assignTo.getValue(), conversation.assigneeId())) {
            assignTo.setValue(conversation.assigneeId());
        }
        actionsBar.removeAll();
        actions(conversation).forEach(actionsBar::add);
        messages.show(conversations.messages(caller, id, 200).reversed(), conversations.steps(caller, id, 200).reversed());
        notesList.removeAll();
        for (Note note : liveChat.notes(caller, id)) {
            Span line = new Span(WHEN.format(note.createdAt()) + " · " + note.body());
            line.addClassName("note");
            notesList.add(line);
        }
        composer.update(conversation);
        contactPanel.show(contacts.get(caller, id), conversation, conversations.sessions(caller, id, 20), another);
    }

    /** What the composer does to the open conversation, as this agent. */
    private Composer.Conversation composing(UUID id, UUID channelId) {
        return new Composer.Conversation() {
            @Override
            public boolean send(ObjectNode message, String idempotencyKey) {
                return act(() -> liveChat.send(caller, id, message, idempotencyKey));
            }

            /** None (and the reason shown) when the Graph API cannot be asked. */
            @Override
            public List<MessageTemplate> templates() {
                try {
                    return templates.list(caller, channelId);
                } catch (ErrorResponseException e) {
                    ErrorMessages.show(e);
                    return List.of();
                }
            }

            @Override
            public List<QuickReply> quickReplies(String prefix) {
                return quickReplies.filledIn(caller, id, prefix);
            }

            @Override
            public UploadedMedia upload(String mimeType, String filename, byte[] content) {
                return media.upload(caller, id, mimeType, filename, content, CurrentClient.info());
            }

            @Override
            public void typing() {
                liveChat.markRead(caller, id, true);
            }
        };
    }

    /**
     * A file the customer sent, read when the browser shows it. The message may be on screen
     * before Conversa has fetched its file from the Cloud API: the request waits for it a while
     * (on a virtual thread, outside the session's lock).
     */
    private DownloadHandler customerFile(UUID conversationId, String mediaId) {
        return DownloadHandler.fromInputStream(download -> readCustomerFile(conversationId, mediaId)).inline();
    }

    private DownloadResponse readCustomerFile(UUID conversationId, String mediaId) {
        Instant giveUp = clock.instant().plus(MEDIA_WAIT);
        while (true) {
            try {
                CustomerMedia.MediaFile file = media.customerFile(caller, conversationId, mediaId);
                return new DownloadResponse(new ByteArrayInputStream(file.content()), mediaId, file.mimeType(), file.content().length);
            } catch (ErrorResponseException e) {
                if (e.getStatusCode().value() != HttpStatus.CONFLICT.value() || clock.instant().isAfter(giveUp)) {
                    return DownloadResponse.error(e.getStatusCode().value());
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DownloadResponse.error(HttpStatus.SERVICE_UNAVAILABLE.value());
            }
        }
    }

    private List<Button> actions(ConversationView conversation) {
        List<Button> actions = new ArrayList<>();
        if (!caller.userId().equals(conversation.assigneeId())) {
            actions.add(button("take", VaadinIcon.HAND, () -> liveChat.assign(caller, conversation.id(), null)));
        } else {
            actions.add(button("unassign", VaadinIcon.ARROW_BACKWARD, () -> liveChat.unassign(caller, conversation.id())));
        }
        if ("OPEN".equals(conversation.status())) {
            actions.add(button("close", VaadinIcon.CHECK, () -> liveChat.close(caller, conversation.id())));
        } else {
            actions.add(button("reopen", VaadinIcon.REFRESH, () -> liveChat.reopen(caller, conversation.id())));
        }
        if (conversation.session() != null && "HANDED_OFF".equals(conversation.session().status())) {
            actions.add(button("release", VaadinIcon.AUTOMATION, () -> conversations.release(caller, conversation.id())));
        }
        return actions;
    }

    /** The conversation's labels, comma separated; saved when the field is left. */
    private TextField labelsField(UUID id, List<String> current) {
        TextField labels = new TextField(getTranslation("inbox.labels"));
        labels.setId("labels");
        labels.setHelperText(getTranslation("inbox.labels.help"));
        labels.setValue(String.join(", ", current));
        labels.addValueChangeListener(change -> act(() -> liveChat.label(caller, id, Arrays.stream(change.getValue().split(","))
                .map(String::strip).filter(label -> !label.isEmpty()).distinct().toList())));
        return labels;
    }

    /** Owners and admins give the conversation to any member. */
    private ComboBox<UUID> assignField(UUID id) {
        assignTo = new ComboBox<>(getTranslation("inbox.assign-to"));
        assignTo.setId("assign-to");
        assignTo.setItems(members.keySet());
        assignTo.setItemLabelGenerator(member -> members.getOrDefault(member, "?"));
        assignTo.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                act(() -> {
                    if (change.getValue() == null) {
                        liveChat.unassign(caller, id);
                    } else {
                        liveChat.assign(caller, id, change.getValue());
                    }
                });
            }
        });
        return assignTo;
    }

    private boolean manager() {
        return caller.role() == Role.OWNER || caller.role() == Role.ADMIN;
    }

    private Button button(String action, VaadinIcon icon, Runnable work) {
        Button button = new Button(getTranslation("inbox." + action), icon.create(), click -> act(work));
        button.setId(action);
        return button;
    }

    /** Runs an action; a refusal is shown in the platform's words; the screen reflects the outcome. */
    private boolean act(Runnable work) {
        boolean done = true;
        try {
            work.run();
        } catch (ErrorResponseException e) {
            ErrorMessages.show(e);
            done = false;
        }
        if (open != null) {
            show(open);
        }
        refreshList();
        return done;
    }

    private HorizontalLayout noteInput(UUID id) {
        TextField note = new TextField();
        note.setId("note");
        note.setPlaceholder(getTranslation("inbox.note"));
        note.setWidthFull();
        Button add = new Button(getTranslation("inbox.add-note"), VaadinIcon.NOTEBOOK.create(), click -> {
            if (act(() -> liveChat.addNote(caller, id, note.getValue()))) {
                note.clear();
            }
        });
        add.setId("add-note");
        HorizontalLayout row = new HorizontalLayout(note, add);
        row.setWidthFull();
        return row;
    }

    private static String name(ConversationView conversation) {
        Object name = conversation.contact().get("name");
        return name == null ? conversation.waId() : name + " · " + conversation.waId();
    }
}
