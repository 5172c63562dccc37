package io.conversa.web.dashboard;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.conversa.core.analytics.AnalyticsService;
import io.conversa.core.analytics.Dashboard;
import io.conversa.core.analytics.Kpis;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.security.Caller;
import io.conversa.core.security.Me;
import io.conversa.core.security.MeService;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The business's results at a glance: a period's key figures, for one number or all, beside the period before. */
@Route("")
@PermitAll
public class DashboardView extends VerticalLayout implements HasDynamicTitle {

    private final Caller caller;
    private final AnalyticsService analytics;
    private final Select<Integer> period = new Select<>();
    private final ComboBox<UUID> number = new ComboBox<>();
    private final FlexLayout cards = new FlexLayout();
    private final Paragraph failures = new Paragraph();

    public DashboardView(AuthenticationContext authentication, MeService meService, AnalyticsService analytics, ChannelService channels) {
        this.caller = authentication.getAuthenticatedUser(Caller.class).orElseThrow();
        this.analytics = analytics;
        Me me = meService.describe(caller);
        H2 welcome = new H2(getTranslation("dashboard.welcome", me.user().name()));
        welcome.setId("welcome");
        period.setId("dashboard-period");
        period.setLabel(getTranslation("dashboard.period"));
        period.setItems(1, 7, 30, 90);
        period.setItemLabelGenerator(days -> days == 1 ? getTranslation("dashboard.period.day")
                : getTranslation("dashboard.period.days", days));
        period.setValue(7);
        period.addValueChangeListener(change -> refresh());
        Map<UUID, String> numbers = channels.names(caller);
        number.setId("dashboard-number");
        number.setLabel(getTranslation("dashboard.number"));
        number.setPlaceholder(getTranslation("inbox.all-numbers"));
        number.setItems(numbers.keySet());
        number.setItemLabelGenerator(id -> numbers.getOrDefault(id, "?"));
        number.setClearButtonVisible(true);
        number.addValueChangeListener(change -> refresh());
        cards.setId("kpis");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        failures.setId("failed-sends");
        add(welcome, new Paragraph(getTranslation("dashboard.signed-in", me.tenant().name(),
                getTranslation("role." + me.role().name().toLowerCase()))), new HorizontalLayout(period, number), cards, failures);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.page-title");
    }

    private void refresh() {
        OffsetDateTime to = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        Dashboard dashboard = analytics.dashboard(caller, number.getValue(), to.minusDays(period.getValue()), to);
        Kpis now = dashboard.current();
        Kpis before = dashboard.previous();
        NumberFormat count = NumberFormat.getIntegerInstance(getLocale());
        NumberFormat percent = NumberFormat.getPercentInstance(getLocale());
        cards.removeAll();
        card("conversations-started", now, before, k -> (double) k.conversationsStarted(), count::format);
        card("messages-in", now, before, k -> (double) k.messagesIn(), count::format);
        card("messages-out", now, before, k -> (double) k.messagesOut(), count::format);
        card("active-sessions", now, before, k -> (double) k.activeSessions(), count::format);
        card("completion-rate", now, before, Kpis::completionRate, percent::format);
        card("handoffs", now, before, k -> (double) k.handoffs(), count::format);
        card("first-response", now, before, Kpis::medianFirstResponseSeconds, this::duration);
        card("resolution", now, before, Kpis::medianResolutionSeconds, this::duration);
        failures.setText(now.failedSendsByCode().isEmpty() ? getTranslation("dashboard.no-failed-sends")
                : getTranslation("dashboard.failed-sends", now.failedSendsByCode().entrySet().stream()
                        .map(e -> e.getKey() + ": " + count.format(e.getValue())).collect(Collectors.joining(", "))));
    }

    /** A figure, and how it changed from the period before (▲/▼ in percent). */
    private void card(String kpi, Kpis now, Kpis before, Function<Kpis, Double> figure, Function<Double, String> format) {
        Double value = figure.apply(now);
        Double previous = figure.apply(before);
        Span label = new Span(getTranslation("dashboard.kpi." + kpi));
        label.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span shown = new Span(value == null ? "–" : format.apply(value));
        shown.addClassName("kpi-value");
        shown.getStyle().set("font-size", "var(--lumo-font-size-xxl)").set("font-weight", "600");
        Span change = new Span(change(value, previous));
        change.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        Div card = new Div(label, new Div(shown), change);
        card.setId("kpi-" + kpi);
        card.addClassName("kpi");
        card.getStyle().set("padding", "var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-contrast-5pct)").set("min-width", "12em");
        cards.add(card);
    }

    private String change(Double value, Double previous) {
        if (value == null || previous == null) {
            return getTranslation("dashboard.change.none");
        }
        if (previous == 0) {
            return value == 0 ? getTranslation("dashboard.change.same") : getTranslation("dashboard.change.new");
        }
        double ratio = (value - previous) / previous;
        return (ratio >= 0 ? "▲ " : "▼ ") + NumberFormat.getPercentInstance(getLocale()).format(Math.abs(ratio)) + " "
                + getTranslation("dashboard.change.vs-before");
    }

    private String duration(Double seconds) {
        Duration duration = Duration.ofSeconds(Math.round(seconds));
        return duration.toHours() > 0 ? getTranslation("dashboard.duration.hours", duration.toHours(), duration.toMinutesPart())
                : getTranslation("dashboard.duration.minutes", duration.toMinutes(), duration.toSecondsPart());
    }
}
