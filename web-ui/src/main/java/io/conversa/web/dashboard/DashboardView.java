package io.conversa.web.dashboard;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
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
import io.conversa.core.analytics.KpiPoint;
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
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The business's results at a glance: a period's key figures, for one number or all, beside the
 * period before, and the chosen one charted per hour or day.
 */
@Route("")
@PermitAll
public class DashboardView extends VerticalLayout implements HasDynamicTitle {

    private final Caller caller;
    private final AnalyticsService analytics;
    private final Select<Integer> period = new Select<>();
    private final ComboBox<UUID> number = new ComboBox<>();
    private final FlexLayout cards = new FlexLayout();
    private final Paragraph failures = new Paragraph();
    private final H4 chartTitle = new H4();
    private final KpiChart chart = new KpiChart();
    private Dashboard dashboard;
    private String charted = "conversations-started";

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
        failures.setId("failed-sends-by-code");
        chartTitle.setId("chart-title");
        chart.setId("kpi-chart");
        chart.setWidthFull();
        chart.setHeight("280px");
        add(welcome, new Paragraph(getTranslation("dashboard.signed-in", me.tenant().name(),
                getTranslation("role." + me.role().name().toLowerCase()))), new HorizontalLayout(period, number), cards, failures,
                chartTitle, chart);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.page-title");
    }

    private void refresh() {
        OffsetDateTime to = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        dashboard = analytics.dashboard(caller, number.getValue(), to.minusDays(period.getValue()), to);
        Kpis now = dashboard.current();
        NumberFormat count = NumberFormat.getIntegerInstance(getLocale());
        cards.removeAll();
        figures().forEach(this::card);
        failures.setText(now.failedSendsByCode().isEmpty() ? getTranslation("dashboard.no-failed-sends")
                : getTranslation("dashboard.failed-sends", now.failedSendsByCode().entrySet().stream()
                        .map(e -> e.getKey() + ": " + count.format(e.getValue())).collect(Collectors.joining(", "))));
        chart();
    }

    /**
     * A key figure: how to read it from the figures, to show it, and to chart it ({@code chartScale}
     * turns rates into percent and seconds into minutes, the chart's {@code unit}).
     */
    private record Figure(String id, Function<Kpis, Double> value, Function<Double, String> format, double chartScale, String unit) {
    }

    private List<Figure> figures() {
        NumberFormat count = NumberFormat.getIntegerInstance(getLocale());
        NumberFormat percent = NumberFormat.getPercentInstance(getLocale());
        return List.of(new Figure("conversations-started", k -> (double) k.conversationsStarted(), count::format, 1, null),
                new Figure("messages-in", k -> (double) k.messagesIn(), count::format, 1, null),
                new Figure("messages-out", k -> (double) k.messagesOut(), count::format, 1, null),
                new Figure("active-sessions", k -> (double) k.activeSessions(), count::format, 1, null),
                new Figure("completion-rate", Kpis::completionRate, percent::format, 100, "dashboard.unit.percent"),
                new Figure("handoffs", k -> (double) k.handoffs(), count::format, 1, null),
                new Figure("first-response", Kpis::medianFirstResponseSeconds, this::duration, 1 / 60.0, "dashboard.unit.minutes"),
                new Figure("resolution", Kpis::medianResolutionSeconds, this::duration, 1 / 60.0, "dashboard.unit.minutes"),
                new Figure("failed-sends", k -> (double) k.failedSends(), count::format, 1, null));
    }

    /** A figure, and how it changed from the period before (▲/▼ in percent); a click charts it. */
    private void card(Figure figure) {
        Double value = figure.value().apply(dashboard.current());
        Span label = new Span(getTranslation("dashboard.kpi." + figure.id()));
        label.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span shown = new Span(value == null ? "–" : figure.format().apply(value));
        shown.addClassName("kpi-value");
        shown.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
        Span change = new Span(change(value, figure.value().apply(dashboard.previous())));
        change.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        Div card = new Div(label, new Div(shown), change);
        card.setId("kpi-" + figure.id());
        card.addClassName("kpi");
        boolean chosen = figure.id().equals(charted);
        card.getElement().setAttribute("aria-pressed", String.valueOf(chosen));
        card.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-contrast-5pct)").set("flex", "1 1 10em").set("cursor", "pointer")
                .set("outline", chosen ? "2px solid var(--lumo-primary-color)" : "none");
        card.addClickListener(click -> {
            charted = figure.id();
            cards.removeAll();
            figures().forEach(this::card);
            chart();
        });
        cards.add(card);
    }

    /** The chosen figure per hour or day of the period, beside the same slices of the period before. */
    private void chart() {
        Figure figure = figures().stream().filter(f -> f.id().equals(charted)).findFirst().orElseThrow();
        // An hour is named by its start; a day (the 24 hours up to the same hour) by the date it ends on.
        boolean hours = dashboard.slice() == Dashboard.Slice.HOUR;
        DateTimeFormatter label = hours ? DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(getLocale())
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(getLocale());
        Function<List<KpiPoint>, List<Double>> values = points -> points.stream().map(point -> {
            Double value = figure.value().apply(point.kpis());
            return value == null ? null : value * figure.chartScale();
        }).toList();
        String title = getTranslation("dashboard.kpi." + figure.id());
        chartTitle.setText(figure.unit() == null ? title : title + " (" + getTranslation(figure.unit()) + ")");
        chart.show(new KpiChart.Series(
                dashboard.series().stream().map(point -> label.format((hours ? point.start() : point.start().plusDays(1).minusNanos(1))
                        .atZoneSameInstant(ZoneId.systemDefault()))).toList(),
                values.apply(dashboard.series()), values.apply(dashboard.previousSeries()),
                getTranslation("dashboard.chart.this-period"), getTranslation("dashboard.chart.period-before")));
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
