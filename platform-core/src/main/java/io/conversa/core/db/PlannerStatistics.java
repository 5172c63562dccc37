package io.conversa.core.db;

import io.conversa.core.background.PollingWorkers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives PostgreSQL's planner statistics for a table that has grown without any. A statement
 * prepared while its tables are nearly empty and never analyzed is planned for ten pages of
 * anything: every index that matches the tenant looks as good as the unique key, and the plan
 * kept for the statement on each pooled connection may scan all the tenant's conversations to
 * find one. Only an ANALYZE of the table replaces those plans; autovacuum's first comes a minute
 * or more after a new database fills (never where it is off), so Conversa analyzes such a table
 * itself, once, as soon as {@value #CHANGED_ROWS} rows changed in it.
 */
@Component
class PlannerStatistics extends PollingWorkers {

    static final int CHANGED_ROWS = 500;

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final DSLContext dsl;
    private final Set<String> analyzed = new HashSet<>();

    PlannerStatistics(DSLContext dsl) {
        super("planner-statistics", 1, Duration.ofSeconds(2));
        this.dsl = dsl;
    }

    @Override
    protected boolean workOnce() {
        // Once per process: a login that may not analyze a table (not its owner) is only warned.
        List<String> tables = dsl.fetch("""
                select relname from pg_stat_user_tables
                where schemaname = current_schema() and last_analyze is null and last_autoanalyze is null
                  and n_mod_since_analyze >= ?""", CHANGED_ROWS).getValues(0, String.class).stream()
                .filter(analyzed::add).toList();
        for (String table : tables) {
            dsl.execute("analyze {0}", DSL.name(table));
        }
        if (!tables.isEmpty()) {
            log.info("Analyzed {} for the query planner: they had grown without statistics", tables);
        }
        return false;
    }
}
