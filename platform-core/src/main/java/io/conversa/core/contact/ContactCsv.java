package io.conversa.core.contact;

import io.conversa.core.csv.FormulaCells;
import io.conversa.core.web.Problems;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Contacts as CSV, the same columns both ways: {@code phone, name, tags} (separated by
 * {@value #TAG_SEPARATOR}) and one {@code attribute.<name>} column per attribute; an export adds
 * read-only columns that an import ignores; cells a spreadsheet would run as a formula are escaped
 * ({@link FormulaCells}).
 */
final class ContactCsv {

    static final String TAG_SEPARATOR = ";";
    static final String ATTRIBUTE_PREFIX = "attribute.";
    private static final List<String> EXPORTED = List.of("id", "channelId", "waId", "phone", "name", "tags", "optedOutAt",
            "createdAt", "lastMessageAt");
    private static final Set<String> IMPORTED = Set.of("phone", "name", "tags");
    private static final CsvMapper MAPPER = new CsvMapper();

    private ContactCsv() {
    }

    /** One row of an import: its line in the file and its cells by column. */
    record Row(long line, Map<String, String> cells) {

        String cell(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : FormulaCells.unescape(value.strip());
        }

        List<String> tags() {
            String tags = cell("tags");
            return tags == null ? null : Arrays.stream(tags.split(TAG_SEPARATOR)).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }

        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            cells.keySet().stream().filter(c -> c.startsWith(ATTRIBUTE_PREFIX))
                    .forEach(c -> attributes.put(c.substring(ATTRIBUTE_PREFIX.length()), cell(c)));
            attributes.values().removeIf(Objects::isNull);
            return attributes;
        }
    }

    /** The rows of a CSV with a header; a file that cannot be read as CSV is refused with the line. */
    static List<Row> read(String csv, int maxRows) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> iterator = MAPPER.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (iterator.hasNextValue()) {
                Map<String, String> cells = iterator.nextValue();
                if (rows.isEmpty()) {
                    checkHeader(cells.keySet());
                }
                if (rows.size() == maxRows) {
                    throw Problems.invalid("file", "contact.csv.too-many", maxRows);
                }
                // The header is line 1 (a cell spanning lines is rare in contact lists).
                rows.add(new Row(rows.size() + 2, cells));
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw Problems.invalid("file", "contact.csv.invalid", line, e.getOriginalMessage());
        }
        return rows;
    }

    private static void checkHeader(Set<String> columns) {
        if (!columns.contains("phone")) {
            throw Problems.invalid("file", "contact.csv.no-phone");
        }
        for (String column : columns) {
            if (!IMPORTED.contains(column) && !EXPORTED.contains(column) && !column.startsWith(ATTRIBUTE_PREFIX)) {
                throw Problems.invalid("file", "contact.csv.unknown-column", column);
            }
        }
    }

    static void write(Stream<Contact> contacts, List<String> attributeNames, Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder();
        EXPORTED.forEach(schema::addColumn);
        attributeNames.forEach(name -> schema.addColumn(ATTRIBUTE_PREFIX + name));
        try (SequenceWriter writer = MAPPER.writer(schema.build().withHeader()).writeValues(out)) {
            contacts.forEach(contact -> {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", contact.id().toString());
                row.put("channelId", contact.channelId().toString());
                row.put("waId", contact.waId());
                row.put("phone", contact.phone());
                row.put("name", FormulaCells.escape(contact.name()));
                row.put("tags", FormulaCells.escape(String.join(TAG_SEPARATOR, contact.tags())));
                row.put("optedOutAt", Objects.toString(contact.optedOutAt(), null));
                row.put("createdAt", contact.createdAt().toString());
                row.put("lastMessageAt", Objects.toString(contact.lastMessageAt(), null));
                attributeNames.forEach(name -> row.put(ATTRIBUTE_PREFIX + name, FormulaCells.escape(contact.attributes().get(name))));
                writer.write(row);
            });
        }
    }
}
