package io.conversa.core.businesshours;

import static io.conversa.core.db.jooq.Tables.CONVERSATIONS;
import static io.conversa.core.db.jooq.Tables.INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiTest;
import io.conversa.core.support.SimulatedTenantTest;
import io.conversa.core.support.TestFlows;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each number's business hours: kept through the API, read by flows as {{business.open}}, and answered for by the live chat when closed. */
@ApiTest
class BusinessHoursApiTest extends SimulatedTenantTest {

    static final String SAO_PAULO = "America/Sao_Paulo";
    static final String AWAY = "We are closed now; an agent answers from 9:00.";

    static final String OPEN_OR_CLOSED = """
            {"name": "Hours", "start": "open", "nodes": [
               {"id": "open", "type": "condition", "data": {"rules": [{"id": "yes",
                 "comparisons": [{"left": "{{business.open}}", "operator": "equals", "right": "true"}]}]}},
               {"id": "yes", "type": "message", "data": {"message": {"type": "text", "body": "We are open."}}},
               {"id": "no", "type": "message", "data": {"message": {"type": "text", "body": "We are closed."}}}],
             "edges": [{"id": "1", "source": "open", "sourceHandle": "yes", "target": "yes"},
               {"id": "2", "source": "open", "sourceHandle": "else", "target": "no"}],
             "triggers": {"defaultFlow": true}}
            """;

    @Test
    void flowsReadWhetherTheBusinessIsOpen() {
        publish(OPEN_OR_CLOSED);
        String customer = "5511977770001";
        say(customer, "hi");
        await().until(() -> count("We are open.") == 1);

        assertThat(owner.put(path(), hours(Map.of(), List.of(), null)).status()).isEqualTo(200);
        say(customer, "hi again");
        await().until(() -> count("We are closed.") == 1);

        Map<String, Object> allDay = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            allDay.put(day.name(), List.of(Map.of("opens", "00:00", "closes", "00:00")));
        }
        owner.put(path(), hours(allDay, List.of(), null));
        say(customer, "and now");
        await().until(() -> count("We are open.") == 2);
    }

    @Test
    void aCustomerWaitingForPeopleOutsideHoursHearsTheAwayMessageOncePerClosedSpell() {
        publish(TestFlows.HANDOFF);
        // Open around the clock, but today is a holiday: closed now, open on the days before.
        Map<String, Object> allDay = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            allDay.put(day.name(), List.of(Map.of("opens", "00:00", "closes", "00:00")));
        }
        String today = LocalDate.now(ZoneId.of(SAO_PAULO)).toString();
        assertThat(owner.put(path(), hours(allDay, List.of(today), AWAY)).json().path("holidays").path(0).asString()).isEqualTo(today);

        String customer = "5511977770002";
        say(customer, "help");
        await().until(() -> count(AWAY) == 1);
        assertThat(count("A person will answer you.")).isEqualTo(1);
        say(customer, "anyone?");
        say(customer, "hello??");
        await().until(() -> processed("anyone?") && processed("hello??"));
        assertThat(count(AWAY)).as("once per closed spell").isEqualTo(1);

        // The business opened since the last away message (a spell ago): the next message hears it again.
        dsl.update(CONVERSATIONS).set(CONVERSATIONS.AWAY_REPLIED_AT, OffsetDateTime.now().minusDays(2))
                .where(CONVERSATIONS.TENANT_ID.eq(owner.tenantId())).execute();
        say(customer, "still there?");
        await().until(() -> count(AWAY) == 2);
    }

    @Test
    void badHoursAreRefusedWithWhereAndChangeNothing() {
        Map<String, Object> monday = Map.of("MONDAY", List.of(Map.of("opens", "09:00", "closes", "18:00")));
        owner.put(path(), hours(monday, List.of(), AWAY));

        var backwards = owner.put(path(), hours(Map.of("TUESDAY", List.of(Map.of("opens", "18:00", "closes", "09:00"))), List.of(), null));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("detail").asString()).contains("weekly.TUESDAY[0].closes must be after opens (18:00)");
        var noZone = owner.put(path(), Map.of("weekly", monday));
        assertThat(noZone.json().path("detail").asString()).contains("timeZone is required");
        assertThat(owner.put(path(), Map.of("timeZone", "Mars/Olympus_Mons")).status()).isEqualTo(400);
        assertThat(owner.put(path(), Map.of("timeZone", SAO_PAULO, "weekly", Map.of("FUNDAY", List.of()))).status()).isEqualTo(400);
        assertThat(owner.put(path(), Map.of("timeZone", SAO_PAULO, "holidays", List.of("25/12/2026"))).status()).isEqualTo(400);

        var kept = owner.get(path()).json();
        assertThat(kept.path("weekly").path("MONDAY").path(0).path("closes").asString()).startsWith("18:00");
        assertThat(kept.path("awayMessage").asString()).isEqualTo(AWAY);

        assertThat(api.signup("Other " + UUID.randomUUID()).get(path()).status()).isEqualTo(404);
        assertThat(owner.addMember("AGENT").get(path()).status()).isEqualTo(403);
        assertThat(owner.delete(path()).status()).isEqualTo(204);
        assertThat(owner.get(path()).status()).isEqualTo(204);
    }

    private String path() {
        return "/api/v1/channels/" + channel + "/business-hours";
    }

    private static Map<String, Object> hours(Map<String, Object> weekly, List<String> holidays, String away) {
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("timeZone", SAO_PAULO);
        hours.put("weekly", weekly);
        hours.put("holidays", holidays);
        hours.put("awayMessage", away);
        return hours;
    }

    private void publish(String flow) {
        String id = owner.post("/api/v1/flows", flow).json().path("flow").path("id").asString();
        assertThat(owner.post("/api/v1/flows/" + id + "/publish", "").status()).isEqualTo(200);
    }

    private void say(String customer, String text) {
        api.post("/simulator/numbers/" + number + "/customer-messages", Map.of("from", customer, "name", "Rita", "text", text));
    }

    /** Whether the customer's message was processed (read by the runtime). */
    private boolean processed(String text) {
        return dsl.fetchExists(INBOX, INBOX.TENANT_ID.eq(owner.tenantId()), INBOX.PROCESSED_AT.isNotNull(),
                INBOX.PAYLOAD.cast(String.class).contains(text));
    }

    private String sent() {
        return api.get("/simulator/numbers/" + number + "/messages").body();
    }

    private long count(String text) {
        return Pattern.compile(Pattern.quote(text)).matcher(sent()).results().count();
    }
}
