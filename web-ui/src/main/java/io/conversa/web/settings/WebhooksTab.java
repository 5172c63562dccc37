package io.conversa.web.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.event.EventType;
import io.conversa.core.security.Caller;
import io.conversa.core.webhook.NewWebhookSubscription;
import io.conversa.core.webhook.WebhookSubscription;
import io.conversa.core.webhook.WebhookSubscriptionService;
import io.conversa.core.webhook.WebhookSubscriptionUpdate;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.ErrorMessages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.ErrorResponseException;

/**
 * Webhook subscriptions: events pushed to the business's systems. Create one (its signing secret
 * shown once), pause or resume it, see its delivery log and redeliver an attempt, delete it.
 */
class WebhooksTab extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Caller caller;
    private final WebhookSubscriptionService subscriptions;
    private final Grid<WebhookSubscription> grid = new Grid<>();

    WebhooksTab(Caller caller, WebhookSubscriptionService subscriptions) {
        this.caller = caller;
        this.subscriptions = subscriptions;
        Button create = new Button(getTranslation("settings.webhooks.create"), VaadinIcon.CONNECT.create(), click -> createDialog().open());
        create.setId("create-webhook");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("webhooks");
        CsvColumns<WebhookSubscription> columns = new CsvColumns<>();
        // A long URL gets the spare width but never hides the events, status and actions.
        columns.add(grid, getTranslation("settings.webhooks.url"), WebhookSubscription::url).setFlexGrow(2);
        columns.add(grid, getTranslation("settings.webhooks.events"), s -> String.join(", ", s.events())).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.api-keys.status"), s -> getTranslation("settings.webhooks.status." + s.status().toLowerCase())
                + (s.disabledReason() == null ? "" : ": " + s.disabledReason())).setAutoWidth(true);
        grid.addComponentColumn(this::rowActions).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new Paragraph(getTranslation("settings.webhooks.help")),
                new HorizontalLayout(create, columns.download("webhooks-csv", "webhooks", () -> subscriptions.list(caller).stream())), grid);
        refresh();
    }

    private HorizontalLayout rowActions(WebhookSubscription subscription) {
        boolean active = "ACTIVE".equals(subscription.status());
        Button toggle = new Button(getTranslation(active ? "settings.webhooks.pause" : "settings.webhooks.resume"),
                click -> act(() -> subscriptions.update(caller, subscription.id(), new WebhookSubscriptionUpdate(null, null, null, !active))));
        Button log = new Button(getTranslation("settings.webhooks.log"), VaadinIcon.LIST.create(), click -> logDialog(subscription).open());
        log.setId("log-" + subscription.id());
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> Confirm.destructive(
                getTranslation("settings.webhooks.delete.title", subscription.url()), getTranslation("settings.webhooks.delete.text"),
                getTranslation("flows.delete"), () -> act(() -> subscriptions.delete(caller, subscription.id()))));
        for (Button button : new Button[] {toggle, log, delete}) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(toggle, log, delete);
    }

    private Dialog createDialog() {
        Dialog dialog = new Dialog(getTranslation("settings.webhooks.create"));
        TextField url = new TextField(getTranslation("settings.webhooks.url"));
        url.setId("webhook-url-input");
        url.setPlaceholder("https://crm.example.com/conversa-events");
        MultiSelectComboBox<String> events = new MultiSelectComboBox<>(getTranslation("settings.webhooks.events"));
        events.setId("webhook-events");
        events.setItems(Stream.of(EventType.values()).map(EventType::wireName).sorted().toList());
        TextField description = new TextField(getTranslation("settings.webhooks.description"));
        description.setId("webhook-description");
        dialog.add(new FormLayout(url, events, description));
        Button save = new Button(getTranslation("settings.webhooks.create"), click -> {
            try {
                WebhookSubscription.Created created = subscriptions.create(caller, new NewWebhookSubscription(url.getValue(),
                        List.copyOf(events.getValue()), description.getValue()));
                refresh();
                dialog.removeAll();
                dialog.add(new Paragraph(getTranslation("settings.webhooks.secret-once")),
                        new Clipboard("webhook-secret", getTranslation("settings.webhooks.secret"), created.secret()));
                dialog.getFooter().removeAll();
                dialog.getFooter().add(new Button(getTranslation("settings.done"), done -> dialog.close()));
            } catch (ErrorResponseException e) {
                ErrorMessages.show(e);
            }
        });
        save.setId("webhook-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        dialog.setWidth("40em");
        return dialog;
    }

    /** The latest delivery attempts: event, attempt, outcome, HTTP status, latency; each can be delivered again. */
    private Dialog logDialog(WebhookSubscription subscription) {
        Dialog dialog = new Dialog(getTranslation("settings.webhooks.log.title", subscription.url()));
        Grid<WebhookSubscription.Attempt> attempts = new Grid<>();
        attempts.setId("webhook-attempts");
        CsvColumns<WebhookSubscription.Attempt> columns = new CsvColumns<>();
        columns.add(attempts, getTranslation("settings.audit.when"), a -> WHEN.format(a.attemptedAt())).setAutoWidth(true);
        columns.add(attempts, getTranslation("settings.webhooks.event"), WebhookSubscription.Attempt::eventType).setAutoWidth(true);
        columns.add(attempts, "#", a -> String.valueOf(a.attempt()));
        columns.add(attempts, getTranslation("marketplace.log.outcome"), a -> getTranslation("settings.webhooks.outcome." + a.outcome().toLowerCase())
                + (a.statusCode() == null ? "" : " · HTTP " + a.statusCode()) + (a.error() == null ? "" : " · " + a.error()));
        columns.add(attempts, getTranslation("marketplace.log.duration"), a -> a.latencyMs() + " ms");
        attempts.addComponentColumn(a -> new Button(getTranslation("settings.webhooks.redeliver"), click -> {
            if (ErrorMessages.attempt(() -> subscriptions.redeliver(caller, subscription.id(), a.id()))) {
                attempts.setItems(subscriptions.attempts(caller, subscription.id(), null, 100).items());
            }
        }));
        attempts.setItems(subscriptions.attempts(caller, subscription.id(), null, 100).items());
        attempts.setWidth("70vw");
        dialog.add(attempts);
        dialog.getFooter().add(columns.download("webhook-attempts-csv", "webhook-deliveries",
                () -> subscriptions.attempts(caller, subscription.id(), null, 100).items().stream()),
                new Button(getTranslation("flows.close"), click -> dialog.close()));
        return dialog;
    }

    private void act(Runnable work) {
        ErrorMessages.attempt(work);
        refresh();
    }

    private void refresh() {
        grid.setItems(subscriptions.list(caller));
    }
}
