package io.conversa.web.settings;

import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.conversa.core.businesshours.BusinessHoursService;
import io.conversa.core.channel.whatsapp.Channel;
import io.conversa.core.channel.whatsapp.ChannelService;
import io.conversa.core.channel.whatsapp.ChannelUpdate;
import io.conversa.core.channel.whatsapp.NewChannel;
import io.conversa.core.channel.whatsapp.PhoneNumberCheck;
import io.conversa.core.conversation.TestConversations;
import io.conversa.core.security.Caller;
import io.conversa.web.businesshours.BusinessHoursDialog;
import io.conversa.web.components.Confirm;
import io.conversa.web.components.CsvColumns;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.web.ErrorResponseException;

/**
 * The business's WhatsApp numbers: connect one with a guided form that shows what to paste into
 * Meta's dashboard and checks the connection against the Graph API; edit, rotate secrets,
 * automatic assignment, disconnect; a test number on the built-in simulator in one click.
 */
class NumbersTab extends VerticalLayout {

    private final Caller caller;
    private final ChannelService channels;
    private final BusinessHoursService businessHours;
    private final Grid<Channel> grid = new Grid<>();
    private final Span checkResult = new Span();
    private final String baseUrl;

    NumbersTab(Caller caller, ChannelService channels, BusinessHoursService businessHours, TestConversations testConversations,
            String baseUrl) {
        this.caller = caller;
        this.channels = channels;
        this.businessHours = businessHours;
        this.baseUrl = baseUrl;
        Button connect = new Button(getTranslation("settings.numbers.connect"), VaadinIcon.PLUS.create(), click -> connectDialog().open());
        connect.setId("connect-number");
        connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(connect);
        if (testConversations.available()) {
            Button test = new Button(getTranslation("settings.numbers.test"), VaadinIcon.FLASK.create(),
                    click -> act(() -> testConversations.testNumber(caller)));
            test.setId("add-test-number");
            actions.add(test);
        }
        grid.setId("numbers");
        CsvColumns<Channel> columns = new CsvColumns<>();
        columns.add(grid, getTranslation("settings.numbers.name"), Channel::name).setAutoWidth(true);
        columns.add(grid, getTranslation("settings.numbers.display"), Channel::displayPhoneNumber);
        columns.add(grid, getTranslation("settings.numbers.phone-number-id"), Channel::phoneNumberId);
        columns.add(grid, getTranslation("settings.numbers.tier"),
                c -> c.messagesPerSecond() == null ? "" : getTranslation("settings.numbers.tier." + c.messagesPerSecond()));
        columns.add(grid, getTranslation("settings.numbers.auto-assign"), c -> c.autoAssign() ? "✓" : "");
        columns.exported(getTranslation("settings.numbers.waba-id"), Channel::wabaId);
        grid.addComponentColumn(this::rowActions).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        checkResult.setId("check-result");
        actions.add(columns.download("numbers-csv", "numbers", () -> channels.list(caller, baseUrl).stream()));
        add(actions, grid, checkResult);
        refresh();
    }

    private HorizontalLayout rowActions(Channel channel) {
        Button check = new Button(getTranslation("settings.numbers.check"), VaadinIcon.CHECK_CIRCLE_O.create(), click -> check(channel));
        check.setId("check-" + channel.phoneNumberId());
        Button edit = new Button(VaadinIcon.EDIT.create(), click -> editDialog(channel).open());
        edit.setId("edit-" + channel.phoneNumberId());
        edit.setTooltipText(getTranslation("settings.numbers.edit"));
        Button disconnect = new Button(VaadinIcon.TRASH.create(), click -> {
            Confirm.destructive(getTranslation("settings.numbers.disconnect.title", channel.name()),
                    getTranslation("settings.numbers.disconnect.text"), getTranslation("settings.numbers.disconnect"),
                    () -> act(() -> channels.delete(caller, channel.id(), CurrentClient.info())));
        });
        disconnect.setId("disconnect-" + channel.phoneNumberId());
        Button hours = new Button(VaadinIcon.CLOCK.create(), click -> new BusinessHoursDialog(caller, channel, businessHours).open());
        hours.setId("business-hours-" + channel.phoneNumberId());
        hours.setTooltipText(getTranslation("hours.edit"));
        disconnect.setTooltipText(getTranslation("settings.numbers.disconnect"));
        for (Button button : new Button[] {check, edit, hours, disconnect}) {
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(check, edit, hours, disconnect);
    }

    /** Shows what the Graph API says of the number, or why it refused, in Meta's words. */
    private void check(Channel channel) {
        PhoneNumberCheck result = channels.check(caller, channel.id());
        checkResult.setText(result.connected()
                ? getTranslation("settings.numbers.verified", channel.name(), result.verifiedName(), result.displayPhoneNumber(),
                        result.qualityRating(), result.throughputLevel())
                : getTranslation("settings.numbers.refused", channel.name(), result.error(),
                        result.errorCode() == null ? "-" : result.errorCode()));
        checkResult.getElement().setAttribute("data-connected", String.valueOf(result.connected()));
        checkResult.getStyle().set("color", result.connected() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
    }

    private Dialog connectDialog() {
        Dialog dialog = new Dialog(getTranslation("settings.numbers.connect"));
        TextField name = field("number-name", "settings.numbers.name", true);
        TextField phoneNumberId = field("number-phone-number-id", "settings.numbers.phone-number-id", true);
        TextField wabaId = field("number-waba-id", "settings.numbers.waba-id", true);
        TextField display = field("number-display", "settings.numbers.display", false);
        TextField appId = field("number-app-id", "settings.numbers.app-id", false);
        PasswordField accessToken = secret("number-access-token", "settings.numbers.access-token");
        PasswordField appSecret = secret("number-app-secret", "settings.numbers.app-secret");
        TextField verifyToken = field("number-verify-token", "settings.numbers.verify-token", true);
        verifyToken.setValue(randomToken());
        TextField graphApiUrl = field("number-graph-api-url", "settings.numbers.graph-api-url", false);
        graphApiUrl.setHelperText(getTranslation("settings.numbers.graph-api-url.help"));
        Select<Integer> tier = tier("number-tier", null);
        FormLayout form = new FormLayout(name, phoneNumberId, wabaId, display, appId, accessToken, appSecret, verifyToken, tier,
                graphApiUrl);
        Paragraph help = new Paragraph(getTranslation("settings.numbers.connect.help"));
        dialog.add(help, form);
        Button save = new Button(getTranslation("settings.numbers.connect.save"), click -> {
            try {
                Channel created = channels.create(caller, new NewChannel(name.getValue(), phoneNumberId.getValue(), wabaId.getValue(),
                        blankToNull(display.getValue()), blankToNull(appId.getValue()), accessToken.getValue(), appSecret.getValue(),
                        verifyToken.getValue(), blankToNull(graphApiUrl.getValue()), null, null, tier.getValue()), baseUrl, CurrentClient.info());
                refresh();
                // What to paste into Meta's dashboard, and whether the ids and token work.
                dialog.removeAll();
                dialog.add(new Paragraph(getTranslation("settings.numbers.paste")),
                        new Clipboard("webhook-url", getTranslation("settings.numbers.webhook-url"),
                                created.appWebhookUrl() != null ? created.appWebhookUrl() : created.webhookUrl()),
                        new Clipboard("webhook-verify-token", getTranslation("settings.numbers.verify-token"), verifyToken.getValue()),
                        checkResult);
                check(created);
                dialog.getFooter().removeAll();
                dialog.getFooter().add(new Button(getTranslation("settings.done"), done -> {
                    add(checkResult);
                    dialog.close();
                }));
            } catch (ErrorResponseException e) {
                ErrorMessages.show(e);
            }
        });
        save.setId("number-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        dialog.setWidth("40em");
        return dialog;
    }

    /** Renames, rotates secrets (left empty: kept), switches automatic assignment. */
    private Dialog editDialog(Channel channel) {
        Dialog dialog = new Dialog(getTranslation("settings.numbers.edit"));
        TextField name = field("edit-name", "settings.numbers.name", true);
        name.setValue(channel.name());
        TextField display = field("edit-display", "settings.numbers.display", false);
        display.setValue(channel.displayPhoneNumber() == null ? "" : channel.displayPhoneNumber());
        PasswordField accessToken = secret("edit-access-token", "settings.numbers.access-token");
        PasswordField appSecret = secret("edit-app-secret", "settings.numbers.app-secret");
        TextField verifyToken = field("edit-verify-token", "settings.numbers.verify-token", false);
        for (HasHelper rotate : new HasHelper[] {accessToken, appSecret, verifyToken}) {
            rotate.setHelperText(getTranslation("settings.numbers.keep"));
        }
        accessToken.setRequired(false);
        appSecret.setRequired(false);
        Checkbox autoAssign = new Checkbox(getTranslation("settings.numbers.auto-assign.help"), channel.autoAssign());
        autoAssign.setId("edit-auto-assign");
        Select<Integer> editTier = tier("edit-tier", channel.messagesPerSecond());
        dialog.add(new FormLayout(name, display, accessToken, appSecret, verifyToken, editTier, autoAssign));
        Button save = new Button(getTranslation("settings.save"), click -> {
            if (act(() -> channels.update(caller, channel.id(), new ChannelUpdate(name.getValue(), display.getValue(), null,
                    blankToNull(accessToken.getValue()), blankToNull(appSecret.getValue()), blankToNull(verifyToken.getValue()),
                    null, null, autoAssign.getValue(), editTier.getValue()), baseUrl, CurrentClient.info()))) {
                dialog.close();
            }
        });
        save.setId("edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button(getTranslation("settings.cancel"), click -> dialog.close()), save);
        return dialog;
    }

    /** The throughput Meta gave the number: 80 messages a second, or 1,000 for high-throughput numbers. */
    private Select<Integer> tier(String id, Integer current) {
        Select<Integer> tier = new Select<>();
        tier.setId(id);
        tier.setLabel(getTranslation("settings.numbers.tier"));
        tier.setHelperText(getTranslation("settings.numbers.tier.help"));
        tier.setItems(80, 1000);
        tier.setItemLabelGenerator(perSecond -> getTranslation("settings.numbers.tier." + perSecond));
        tier.setValue(current == null ? 80 : current);
        return tier;
    }

    private TextField field(String id, String label, boolean required) {
        TextField field = new TextField(getTranslation(label));
        field.setId(id);
        field.setRequired(required);
        return field;
    }

    private PasswordField secret(String id, String label) {
        PasswordField field = new PasswordField(getTranslation(label));
        field.setId(id);
        field.setRequired(true);
        return field;
    }

    private boolean act(Runnable work) {
        boolean done = ErrorMessages.attempt(work);
        refresh();
        return done;
    }

    private void refresh() {
        grid.setItems(channels.list(caller, baseUrl));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
