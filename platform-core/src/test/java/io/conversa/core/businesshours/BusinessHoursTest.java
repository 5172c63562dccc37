package io.conversa.core.businesshours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Open or closed at a moment, in the business's time zone, around midnight, on holidays and across a daylight saving change. */
class BusinessHoursTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final BusinessHours weekdays = new BusinessHours(SAO_PAULO, Map.of(
            DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("13:00", "18:00")),
            DayOfWeek.FRIDAY, List.of(hours("20:00", "00:00"))), Set.of(LocalDate.parse("2026-12-25")), "Closed");

    @Test
    void openWithinTheDaysHoursInItsTimeZone() {
        // Monday 2026-12-07.
        assertThat(weekdays.isOpen(at("2026-12-07T09:00", SAO_PAULO))).isTrue();
        assertThat(weekdays.isOpen(at("2026-12-07T11:59", SAO_PAULO))).isTrue();
        assertThat(weekdays.isOpen(at("2026-12-07T12:00", SAO_PAULO))).as("closes is exclusive").isFalse();
        assertThat(weekdays.isOpen(at("2026-12-07T13:30", SAO_PAULO))).isTrue();
        assertThat(weekdays.isOpen(at("2026-12-07T08:59", SAO_PAULO))).isFalse();
        // 09:30 in São Paulo is 12:30 UTC; 09:30 UTC is 06:30 there.
        assertThat(weekdays.isOpen(Instant.parse("2026-12-07T09:30:00Z"))).isFalse();
        assertThat(weekdays.isOpen(Instant.parse("2026-12-07T12:30:00Z"))).isTrue();
        assertThat(weekdays.isOpen(at("2026-12-08T10:00", SAO_PAULO))).as("no hours on Tuesday").isFalse();
    }

    @Test
    void closingAtMidnightRunsToTheEndOfTheDayAndHolidaysAreClosed() {
        assertThat(weekdays.isOpen(at("2026-12-04T23:59", SAO_PAULO))).isTrue();
        assertThat(weekdays.isOpen(at("2026-12-05T00:00", SAO_PAULO))).isFalse();
        assertThat(weekdays.isOpen(at("2026-12-25T21:00", SAO_PAULO))).as("Christmas, a Friday").isFalse();
    }

    @Test
    void hoursFollowTheLocalClockAcrossADaylightSavingChange() {
        BusinessHours berlin = new BusinessHours(BERLIN, Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "10:00"))), Set.of(), null);
        // Central European Time (UTC+1) in winter, summer time (UTC+2) from 2026-03-29.
        assertThat(berlin.isOpen(Instant.parse("2026-03-23T08:30:00Z"))).isTrue();
        assertThat(berlin.isOpen(Instant.parse("2026-03-30T07:30:00Z"))).isTrue();
        assertThat(berlin.isOpen(Instant.parse("2026-03-30T08:30:00Z"))).isFalse();
    }

    @Test
    void aClosedSpellEndsWhenTheBusinessOpens() {
        Instant fridayNight = at("2026-12-04T23:00", SAO_PAULO);
        assertThat(weekdays.openedBetween(at("2026-12-04T19:00", SAO_PAULO), at("2026-12-04T19:30", SAO_PAULO))).isFalse();
        assertThat(weekdays.openedBetween(at("2026-12-05T01:00", SAO_PAULO), at("2026-12-07T08:00", SAO_PAULO))).as("the weekend").isFalse();
        assertThat(weekdays.openedBetween(at("2026-12-05T01:00", SAO_PAULO), at("2026-12-07T12:30", SAO_PAULO))).isTrue();
        assertThat(weekdays.openedBetween(at("2026-12-04T19:00", SAO_PAULO), fridayNight)).isTrue();
        assertThat(weekdays.openedBetween(at("2026-12-24T19:00", SAO_PAULO), at("2026-12-26T10:00", SAO_PAULO)))
                .as("Christmas Friday is a holiday").isFalse();
    }

    @Test
    void withoutAnAwayMessageThereIsNoneToSend() {
        assertThat(new BusinessHours(SAO_PAULO, null, null, "  ").away()).isNull();
        assertThat(weekdays.away()).isEqualTo("Closed");
    }

    private static BusinessHours.Hours hours(String opens, String closes) {
        return new BusinessHours.Hours(LocalTime.parse(opens), LocalTime.parse(closes));
    }

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }
}
