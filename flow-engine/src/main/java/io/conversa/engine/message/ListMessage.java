package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;
import java.util.function.UnaryOperator;

/** An interactive list: a button that opens sections of rows to choose from. */
public record ListMessage(String header, String body, String footer, String button, List<Section> sections)
        implements OutgoingMessage {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public ListMessage {
        sections = sections == null ? List.of() : sections;
    }

    public record Section(String title, List<Row> rows) {
        public Section {
            rows = rows == null ? List.of() : rows;
        }
    }

    public record Row(String id, String title, String description) {
    }

    @Override
    public ListMessage render(UnaryOperator<String> renderer) {
        return new ListMessage(header == null ? null : renderer.apply(header), renderer.apply(body),
                footer == null ? null : renderer.apply(footer), button, sections.stream()
                .map(s -> new Section(s.title(), s.rows().stream()
                        .map(r -> new Row(r.id(), renderer.apply(r.title()),
                                r.description() == null ? null : renderer.apply(r.description())))
                        .toList()))
                .toList());
    }

    @Override
    public List<Field> templates() {
        List<Field> fields = Interactive.frameTemplates(header, body, footer);
        for (int s = 0; s < sections.size(); s++) {
            List<Row> rows = sections.get(s).rows();
            for (int r = 0; r < rows.size(); r++) {
                fields.add(new Field("sections[" + s + "].rows[" + r + "].title", rows.get(r).title()));
                if (rows.get(r).description() != null) {
                    fields.add(new Field("sections[" + s + "].rows[" + r + "].description", rows.get(r).description()));
                }
            }
        }
        return fields;
    }

    @Override
    public List<Option> options() {
        return sections.stream().flatMap(s -> s.rows().stream()).map(r -> new Option(r.id(), r.title())).toList();
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = Interactive.checkFrame(header, body, footer)
                .required("button", button).maxLength("button", button, Limits.LIST_BUTTON)
                .count("sections", sections, 1, Limits.LIST_SECTIONS)
                .count("rows", options(), 1, Limits.LIST_ROWS)
                .unique("rows", options(), Option::id);
        for (int s = 0; sections != null && s < sections.size(); s++) {
            Section section = sections.get(s);
            String at = "sections[" + s + "]";
            checks.maxLength(at + ".title", section.title(), Limits.SECTION_TITLE)
                    .check(sections.size() == 1 || section.title() != null && !section.title().isBlank(), at + ".title",
                            "list.section-title");
            for (int r = 0; section.rows() != null && r < section.rows().size(); r++) {
                Row row = section.rows().get(r);
                String rowAt = at + ".rows[" + r + "]";
                checks.required(rowAt + ".id", row.id()).maxLength(rowAt + ".id", row.id(), Limits.ROW_ID)
                        .required(rowAt + ".title", row.title()).maxLength(rowAt + ".title", row.title(), Limits.ROW_TITLE)
                        .maxLength(rowAt + ".description", row.description(), Limits.ROW_DESCRIPTION);
            }
        }
        return checks.problems();
    }
}
