package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.conversa.core.audit.AuditAction;
import io.conversa.core.audit.AuditEvent;
import io.conversa.core.audit.AuditFilter;
import io.conversa.core.audit.AuditService;
import io.conversa.core.security.Caller;
import io.conversa.core.user.Member;
import io.conversa.core.user.UserService;
import io.conversa.web.components.CsvColumns;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Who did what and when, newest first, by member, action and dates; 50 at a time, or all matching as CSV. */
class AuditTab extends VerticalLayout {

    private static final int PAGE = 50;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Caller caller;
    private final AuditService audit;
    private final Map<UUID, String> members;
    private final Grid<AuditEvent> grid = new Grid<>();
    private final ComboBox<UUID> actor = new ComboBox<>();
    private final ComboBox<String> action = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final Button more = new Button();
    private final List<AuditEvent> shown = new ArrayList<>();
    private String next;

    AuditTab(Caller caller, AuditService audit, UserService users) {
        this.caller = caller;
        this.audit = audit;
        this.members = users.list(caller).stream().collect(Collectors.toMap(Member::id, Member::name));
        actor.setLabel(getTranslation("settings.audit.actor"));
        actor.setId("audit-actor");
        actor.setItems(members.keySet());
        actor.setItemLabelGenerator(id -> members.getOrDefault(id, "?"));
        action.setLabel(getTranslation("settings.audit.action"));
        action.setId("audit-action");
        action.setItems(Stream.of(AuditAction.values()).map(AuditAction::code).sorted().toList());
        from.setLabel(getTranslation("settings.audit.from"));
        to.setLabel(getTranslation("settings.audit.to"));
        for (var filter : List.of(actor, action)) {
            filter.setClearButtonVisible(true);
            filter.addValueChangeListener(change -> reload());
        }
        for (DatePicker date : List.of(from, to)) {
            date.setClearButtonVisible(true);
            date.addValueChangeListener(change -> reload());
        }
        grid.setId("audit-events");
        CsvColumns<AuditEvent> columns = new CsvColumns<>();
        columns.add(grid, getTranslation("settings.audit.when"), event -> WHEN.format(event.occurredAt())).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.audit.actor"), this::who).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.audit.action"), AuditEvent::action).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.audit.target"), AuditEvent::target);
        columns.add(grid, getTranslation("settings.audit.details"), event -> event.details().isEmpty() ? "" : event.details().toString());
        columns.add(grid, "IP", AuditEvent::ip);
        columns.exported(getTranslation("settings.audit.user-agent"), AuditEvent::userAgent);
        more.setText(getTranslation("inbox.more"));
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(click -> load());
        HorizontalLayout filters = new HorizontalLayout(actor, action, from, to, columns.download("audit-csv", "audit-log", this::everyMatch));
        filters.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        filters.setWrap(true);
        add(filters, grid, more);
        setSizeFull();
        reload();
    }

    private String who(AuditEvent event) {
        if (event.actorUserId() != null) {
            return members.getOrDefault(event.actorUserId(), event.actorUserId().toString());
        }
        return event.actorApiKeyId() != null ? getTranslation("settings.audit.api-key", event.actorApiKeyId())
                : getTranslation("settings.audit.system");
    }

    private void reload() {
        shown.clear();
        next = null;
        load();
    }

    private void load() {
        var page = audit.page(caller, filter(), next, PAGE);
        shown.addAll(page.items());
        next = page.next();
        grid.setItems(shown);
        more.setVisible(next != null);
    }

    /** Every entry the filters match, not only those shown, page by page. */
    private Stream<AuditEvent> everyMatch() {
        AuditFilter filter = filter();
        return Stream.iterate(audit.page(caller, filter, null, AuditService.MAX_PAGE), page -> page != null,
                page -> page.next() == null ? null : audit.page(caller, filter, page.next(), AuditService.MAX_PAGE))
                .flatMap(page -> page.items().stream());
    }

    private AuditFilter filter() {
        return new AuditFilter(actor.getValue(), action.getValue(), startOf(from.getValue()),
                startOf(to.getValue() == null ? null : to.getValue().plusDays(1)));
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
