package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.conversa.core.support.ApiTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V31 turns a step log of a row per trace entry into a row per step: on a database of its own,
 * migrated to V30 and given steps of the old shape, every entry survives, in order, in its step.
 */
@ApiTest
class StepLogMigrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aStepsEntriesBecomeItsTraceInOrderAndNothingIsLost() throws SQLException {
        String database = "step_log_" + UUID.randomUUID().toString().replace("-", "");
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
            DSL.using(connection).execute("create database " + database);
        }
        try {
            Flyway flyway = Flyway.configure().dataSource(url, "postgres", null).target("30").load();
            flyway.migrate();
            try (Connection connection = DriverManager.getConnection(url, "postgres", null)) {
                var dsl = DSL.using(connection);
                dsl.execute("set session_replication_role = replica"); // the steps' tenant and sessions are not the point
                dsl.execute("""
                        insert into step_log (tenant_id, session_id, inbox_id, node_id, kind, detail, at) values
                        ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a', 1, 'hello', 'NODE_ENTERED', null, '2026-01-01T10:00Z'),
                        ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a', 1, 'ask', 'NODE_ENTERED', null, '2026-01-01T10:00Z'),
                        ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000b', 2, null, 'IGNORED', 'no flow', '2026-01-01T10:01Z'),
                        ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a', 3, 'ask', 'VARIABLE_SET', 'count', '2026-01-01T10:02Z'),
                        ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-00000000000a', 3, 'done', 'NODE_ENTERED', null, '2026-01-01T10:02Z')
                        """);
            }

            Flyway.configure().dataSource(url, "postgres", null).load().migrate();

            try (Connection connection = DriverManager.getConnection(url, "postgres", null)) {
                assertThat(DSL.using(connection).fetch("select id || ' ' || inbox_id || ' ' || trace::text from step_log order by id")
                        .getValues(0, String.class)).containsExactly(
                        "1 1 [{\"kind\": \"NODE_ENTERED\", \"node\": \"hello\"}, {\"kind\": \"NODE_ENTERED\", \"node\": \"ask\"}]",
                        "3 2 [{\"kind\": \"IGNORED\", \"detail\": \"no flow\"}]",
                        "4 3 [{\"kind\": \"VARIABLE_SET\", \"node\": \"ask\", \"detail\": \"count\"}, {\"kind\": \"NODE_ENTERED\", \"node\": \"done\"}]");
            }
        } finally {
            try (Connection connection = dataSource.getConnection()) {
                DSL.using(connection).execute("drop database " + database + " with (force)");
            }
        }
    }
}
