package io.conversa.web.businesshours;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.timepicker.TimePicker;
import io.conversa.core.businesshours.BusinessHours;
import io.conversa.core.businesshours.BusinessHoursService;
import io.conversa.core.channel.whatsapp.Channel;
import io.conversa.core.security.Caller;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A number's business hours: its time zone, each day's hours (with an optional break), holidays and
 * the away message the live chat sends outside them. Flows read them as {@code {{business.open}}}.
 */
public class BusinessHoursDialog extends Dialog {

    private static final String DEFAULT_ZONE = "America/Sao_Paulo";

    private final Caller caller;
    private final Channel channel;
    private final BusinessHoursService businessHours;
    private final ComboBox<String> timeZone = new ComboBox<>();
    private final Map<DayOfWeek, Day> days = new EnumMap<>(DayOfWeek.class);
    private final TreeSet<LocalDate> holidays = new TreeSet<>();
    private final Div holidayList = new Div();
    private final TextArea away = new TextArea();

    /** A day's row: open or not, its hours and an optional second opening after a break. */
    private record Day(Checkbox open, TimePicker opens, TimePicker closes, TimePicker reopens, TimePicker closesAgain) {
    }

    public BusinessHoursDialog(Caller caller, Channel channel, BusinessHoursService businessHours) {
        this.caller = caller;
        this.channel = channel;
        this.businessHours = businessHours;
        setHeaderTitle(getTranslation("hours.title", channel.name()));
        setId("business-hours-dialog");
        timeZone.setId("hours-time-zone");
        timeZone.setLabel(getTranslation("hours.time-zone"));
        timeZone.setItems(new TreeSet<>(ZoneId.getAvailableZoneIds()));
        timeZone.setWidth("20em");
        add(timeZone, new Paragraph(getTranslation("hours.weekly-help")));
        for (DayOfWeek day : DayOfWeek.values()) {
            add(dayRow(day));
        }
        DatePicker holiday = new DatePicker(getTranslation("hours.add-holiday"));
        holiday.setId("hours-holiday");
        holiday.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                holidays.add(change.getValue());
                holiday.clear();
                showHolidays();
            }
        });
        holidayList.setId("hours-holidays");
        away.setId("hours-away");
        away.setLabel(getTranslation("hours.away"));
        away.setHelperText(getTranslation("hours.away-help"));
        away.setWidthFull();
        add(holiday, holidayList, away);

        Button save = new Button(getTranslation("hours.save"), click -> {
            if (ErrorMessages.attempt(() -> businessHours.set(caller, channel.id(), hours(), CurrentClient.info()))) {
                close();
            }
        });
        save.setId("hours-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button alwaysOpen = new Button(getTranslation("hours.always-open"), click -> {
            if (ErrorMessages.attempt(() -> businessHours.clear(caller, channel.id(), CurrentClient.info()))) {
                close();
            }
        });
        alwaysOpen.setId("hours-clear");
        getFooter().add(alwaysOpen, new Button(getTranslation("hours.cancel"), click -> close()), save);
        setWidth("52em");
        show(businessHours.get(caller, channel.id()).orElse(null));
    }

    private HorizontalLayout dayRow(DayOfWeek day) {
        String id = "hours-" + day.name();
        Checkbox open = new Checkbox(day.getDisplayName(TextStyle.FULL, getLocale()));
        open.setId(id + "-open");
        open.setWidth("10em");
        TimePicker opens = time(id + "-opens", "hours.opens");
        TimePicker closes = time(id + "-closes", "hours.closes");
        TimePicker reopens = time(id + "-reopens", "hours.reopens");
        TimePicker closesAgain = time(id + "-closes-again", "hours.closes");
        open.addValueChangeListener(change -> List.of(opens, closes, reopens, closesAgain).forEach(t -> t.setEnabled(change.getValue())));
        days.put(day, new Day(open, opens, closes, reopens, closesAgain));
        HorizontalLayout row = new HorizontalLayout(open, opens, closes, reopens, closesAgain);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private TimePicker time(String id, String label) {
        TimePicker time = new TimePicker(getTranslation(label));
        time.setId(id);
        time.setWidth("7.5em");
        time.setEnabled(false);
        return time;
    }

    private void show(BusinessHours hours) {
        timeZone.setValue(hours == null ? DEFAULT_ZONE : hours.timeZone().getId());
        days.forEach((day, row) -> {
            List<BusinessHours.Hours> openings = hours == null ? List.of() : hours.weekly().getOrDefault(day, List.of());
            row.open().setValue(!openings.isEmpty());
            if (!openings.isEmpty()) {
                row.opens().setValue(openings.get(0).opens());
                row.closes().setValue(openings.get(0).closes());
            }
            if (openings.size() > 1) {
                row.reopens().setValue(openings.get(1).opens());
                row.closesAgain().setValue(openings.get(1).closes());
            }
        });
        if (hours != null) {
            holidays.addAll(hours.holidays());
            away.setValue(hours.awayMessage() == null ? "" : hours.awayMessage());
        }
        showHolidays();
    }

    private void showHolidays() {
        holidayList.removeAll();
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(getLocale());
        for (LocalDate date : holidays) {
            Button remove = new Button(format.format(date), VaadinIcon.CLOSE_SMALL.create(), click -> {
                holidays.remove(date);
                showHolidays();
            });
            remove.setIconAfterText(true);
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
            remove.setAriaLabel(getTranslation("hours.remove-holiday", format.format(date)));
            remove.getElement().setAttribute("data-date", date.toString());
            holidayList.add(remove);
        }
        holidayList.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
    }

    /** What the form says; a time left empty is refused by the service with where. */
    private BusinessHours hours() {
        Map<DayOfWeek, List<BusinessHours.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, row) -> {
            if (row.open().getValue()) {
                List<BusinessHours.Hours> openings = new ArrayList<>();
                openings.add(new BusinessHours.Hours(row.opens().getValue(), row.closes().getValue()));
                LocalTime reopens = row.reopens().getValue();
                if (reopens != null || row.closesAgain().getValue() != null) {
                    openings.add(new BusinessHours.Hours(reopens, row.closesAgain().getValue()));
                }
                weekly.put(day, openings);
            }
        });
        return new BusinessHours(timeZone.getValue() == null ? null : ZoneId.of(timeZone.getValue()), weekly, holidays,
                away.getValue().isBlank() ? null : away.getValue());
    }
}
