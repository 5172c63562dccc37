package io.conversa.core.businesshours;

import io.conversa.core.web.Problems;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a number's business is open: in {@code timeZone}, the {@code weekly} hours of each day
 * ({@code opens} inclusive, {@code closes} exclusive; {@code closes} 00:00 is midnight), closed on
 * {@code holidays}. Outside them the live chat answers customers with {@code awayMessage} (none
 * when blank), and flows read {@code {{business.open}}} as false.
 */
public record BusinessHours(ZoneId timeZone, Map<DayOfWeek, List<Hours>> weekly, Set<LocalDate> holidays, String awayMessage) {

    /** The longest away message: WhatsApp's limit for a text body. */
    static final int MAX_AWAY_MESSAGE = 4096;

    public BusinessHours {
        weekly = weekly == null ? Map.of() : Map.copyOf(weekly);
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
    }

    /** One opening of a day. */
    public record Hours(LocalTime opens, LocalTime closes) {

        boolean contains(LocalTime time) {
            return !time.isBefore(opens) && (closes.equals(LocalTime.MIDNIGHT) || time.isBefore(closes));
        }
    }

    /** Refused with where and what is wrong: no time zone, an opening that closes before it opens, a too long away message. */
    BusinessHours validated() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (timeZone == null) {
            errors.add(Problems.FieldError.of("timeZone", "business-hours.time-zone"));
        }
        weekly.forEach((day, hours) -> {
            for (int i = 0; i < hours.size(); i++) {
                Hours opening = hours.get(i);
                String at = "weekly." + day + "[" + i + "]";
                if (opening == null || opening.opens() == null || opening.closes() == null) {
                    errors.add(Problems.FieldError.of(at, "business-hours.opens-and-closes"));
                } else if (!opening.closes().equals(LocalTime.MIDNIGHT) && !opening.closes().isAfter(opening.opens())) {
                    errors.add(Problems.FieldError.of(at + ".closes", "business-hours.closes-before-opens", opening.opens()));
                }
            }
        });
        if (awayMessage != null && awayMessage.length() > MAX_AWAY_MESSAGE) {
            errors.add(Problems.FieldError.of("awayMessage", "text.too-long", MAX_AWAY_MESSAGE));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return this;
    }

    public boolean isOpen(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, timeZone);
        return !holidays.contains(local.toLocalDate())
                && weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(hours -> hours.contains(local.toLocalTime()));
    }

    /** Whether the business opened at some moment after {@code since} and up to {@code until}. */
    boolean openedBetween(Instant since, Instant until) {
        LocalDate last = LocalDate.ofInstant(until, timeZone);
        // A week without holidays has every opening; a year has them all.
        LocalDate first = LocalDate.ofInstant(since, timeZone);
        for (LocalDate day = first; !day.isAfter(last) && !day.isAfter(first.plusDays(366)); day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (Hours hours : weekly.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant opens = ZonedDateTime.of(day, hours.opens(), timeZone).toInstant();
                Instant closes = hours.closes().equals(LocalTime.MIDNIGHT) ? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, timeZone).toInstant()
                        : ZonedDateTime.of(day, hours.closes(), timeZone).toInstant();
                if (opens.isBefore(until) && closes.isAfter(since)) {
                    return true;
                }
            }
        }
        return false;
    }

    String away() {
        return awayMessage == null || awayMessage.isBlank() ? null : awayMessage.strip();
    }
}
