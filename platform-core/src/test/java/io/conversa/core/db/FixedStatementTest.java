package io.conversa.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conversa.core.support.ApiTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Statements rendered once and run as plain JDBC, on a real PostgreSQL, in the transaction around them. */
@ApiTest
class FixedStatementTest {

    static final Param<UUID> ID = DSL.param("id", SQLDataType.UUID);
    static final Param<String> NOTE = DSL.param("note", SQLDataType.CLOB);
    static final Param<JSONB> DOC = DSL.param("doc", SQLDataType.JSONB);
    static final Param<OffsetDateTime> AT = DSL.param("at", SQLDataType.TIMESTAMPWITHTIMEZONE);

    @Autowired
    DSLContext dsl;

    @Autowired
    Transactions transactions;

    Table<?> table;
    Field<UUID> id;
    Field<String> note;
    Field<JSONB> doc;
    Field<OffsetDateTime> at;

    @BeforeEach
    void createTable() {
        String name = "fixed_" + UUID.randomUUID().toString().replace("-", "");
        dsl.execute("create table " + name + " (id uuid primary key, note text, doc jsonb, at timestamptz, kind text)");
        table = DSL.table(DSL.name(name));
        id = DSL.field(DSL.name("id"), SQLDataType.UUID);
        note = DSL.field(DSL.name("note"), SQLDataType.CLOB);
        doc = DSL.field(DSL.name("doc"), SQLDataType.JSONB);
        at = DSL.field(DSL.name("at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    @AfterEach
    void dropTable() {
        dsl.dropTable(table).execute();
    }

    @Test
    void aParameterUsedTwiceGetsItsValueInBothPlacesAndGivenValuesAreInlined() {
        // ':note' inside a literal is text, not a parameter; 'MESSAGE' is a value given as such.
        FixedStatement insert = new FixedStatement(dsl, DSL.insertInto(table, id, note, doc, at, DSL.field("kind", String.class))
                .values(ID, DSL.concat(NOTE, DSL.inline(" :note "), NOTE), DOC, AT, DSL.val("MESSAGE")));
        UUID key = UUID.randomUUID();
        OffsetDateTime when = OffsetDateTime.of(2026, 12, 4, 10, 0, 0, 0, ZoneOffset.UTC);

        int inserted = insert.with().set(ID, key).set(NOTE, "hi").set(DOC, JSONB.valueOf("{\"a\": 1}")).set(AT, when).execute();

        assertThat(inserted).isEqualTo(1);
        assertThat(insert.toString()).contains("' :note '").contains("'MESSAGE'");
        var row = dsl.select(note, doc, at, DSL.field("kind", String.class)).from(table).where(id.eq(key)).fetchSingle();
        assertThat(row.value1()).isEqualTo("hi :note hi");
        assertThat(row.value2()).isEqualTo(JSONB.valueOf("{\"a\": 1}"));
        assertThat(row.value3().toInstant()).isEqualTo(when.toInstant());
        assertThat(row.value4()).isEqualTo("MESSAGE");
    }

    @Test
    void nullValuesTakeTheirTypeFromTheStatement() {
        FixedStatement insert = new FixedStatement(dsl, DSL.insertInto(table, id, note, doc, at).values(ID, NOTE, DOC, AT));
        UUID key = UUID.randomUUID();

        insert.with().set(ID, key).set(NOTE, null).set(DOC, null).set(AT, null).execute();

        assertThat(dsl.fetchCount(table, id.eq(key), note.isNull(), doc.isNull(), at.isNull())).isEqualTo(1);
    }

    @Test
    void aBatchRunsOncePerItemAndAQueryReadsItsRows() {
        FixedStatement insert = new FixedStatement(dsl, DSL.insertInto(table, id, note).values(ID, NOTE));
        List<String> notes = List.of("one", "two", "three");

        insert.executeBatch(notes, (row, text) -> row.set(ID, UUID.randomUUID()).set(NOTE, text));

        FixedStatement longer = new FixedStatement(dsl,
                DSL.select(note).from(table).where(DSL.length(note).gt(DSL.length(NOTE))).orderBy(note));
        List<String> found = longer.with().set(NOTE, "abc").fetch(results -> {
            List<String> rows = new ArrayList<>();
            while (results.next()) {
                rows.add(results.getString(1));
            }
            return rows;
        });
        assertThat(found).containsExactly("three");
        assertThat(dsl.fetchCount(table)).isEqualTo(3);
    }

    @Test
    void arraysOfAnyLengthAreOneStatementWithNullsKept() {
        Param<UUID[]> ids = DSL.param("ids", SQLDataType.UUID.array());
        Param<String[]> notes = DSL.param("notes", SQLDataType.VARCHAR.array());
        Param<OffsetDateTime[]> times = DSL.param("times", SQLDataType.TIMESTAMPWITHTIMEZONE.array());
        FixedStatement insert = new FixedStatement(dsl,
                DSL.query("insert into {0} (id, note, at) select * from unnest({1}, {2}, {3})", table, ids, notes, times));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        OffsetDateTime noon = OffsetDateTime.of(2026, 12, 4, 12, 0, 0, 0, ZoneOffset.ofHours(-3));

        insert.with().set(ids, new UUID[] {first, second}).set(notes, new String[] {"with 'quotes', and {braces}", null})
                .set(times, new OffsetDateTime[] {null, noon}).execute();

        assertThat(dsl.select(note, at).from(table).where(id.eq(first)).fetchSingle().intoArray())
                .containsExactly("with 'quotes', and {braces}", null);
        assertThat(dsl.select(note).from(table).where(id.eq(second)).fetchSingle().value1()).isNull();
        assertThat(dsl.select(at).from(table).where(id.eq(second)).fetchSingle().value1().toInstant()).isEqualTo(noon.toInstant());
        FixedStatement count = new FixedStatement(dsl, DSL.selectCount().from(table).where(id.eq(DSL.any(ids))));
        Integer matching = count.with().set(ids, new UUID[] {first}).fetch(results -> results.next() ? results.getInt(1) : -1);
        assertThat(matching).isEqualTo(1);
    }

    @Test
    void runsInTheTransactionAroundIt() {
        FixedStatement insert = new FixedStatement(dsl, DSL.insertInto(table, id, note).values(ID, NOTE));

        assertThatThrownBy(() -> transactions.asSystem(() -> {
            insert.with().set(ID, UUID.randomUUID()).set(NOTE, "rolled back").execute();
            throw new IllegalStateException("the work fails after the statement");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(dsl.fetchCount(table)).isZero();
    }

    @Test
    void aParameterTheStatementDoesNotHaveIsRefused() {
        FixedStatement insert = new FixedStatement(dsl, DSL.insertInto(table, id).values(ID));

        assertThatThrownBy(() -> insert.with().set(NOTE, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter note");
    }
}
