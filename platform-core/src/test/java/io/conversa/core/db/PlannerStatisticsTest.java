package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conversa.core.support.ApiTest;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tables that grow without statistics are analyzed by the running application, once; autovacuum
 * is off for the tables here, so nothing else analyzes them.
 */
@ApiTest
class PlannerStatisticsTest {

    @Autowired
    DSLContext dsl;

    String grown;
    String small;

    @BeforeEach
    void createTables() {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        grown = "planner_grown_" + suffix;
        small = "planner_small_" + suffix;
        for (String table : new String[] {grown, small}) {
            dsl.execute("create table " + table + " (id bigint primary key, wa_id text not null) with (autovacuum_enabled = false)");
        }
    }

    @AfterEach
    void dropTables() {
        dsl.execute("drop table " + grown);
        dsl.execute("drop table " + small);
    }

    @Test
    void aTableThatGrewWithoutStatisticsIsAnalyzedOnceAndASmallOneIsLeftAlone() {
        dsl.execute("insert into " + grown + " select i, '55119' || lpad(i::text, 8, '0') from generate_series(1, ?) i",
                PlannerStatistics.CHANGED_ROWS * 2);
        dsl.execute("insert into " + small + " select i, i::text from generate_series(1, 10) i");

        await().atMost(Duration.ofSeconds(40)).until(() -> analyses(grown) > 0);
        assertThat(analyses(grown)).isEqualTo(1);
        assertThat(dsl.fetchSingle("select reltuples from pg_class where relname = ?", grown).get(0, Float.class))
                .as("rows the planner now knows of").isEqualTo(PlannerStatistics.CHANGED_ROWS * 2f);
        assertThat(analyses(small)).as("a table with few changes is left to autovacuum").isZero();
    }

    private long analyses(String table) {
        return dsl.fetchSingle("select analyze_count from pg_stat_user_tables where relname = ?", table).get(0, Long.class);
    }
}
