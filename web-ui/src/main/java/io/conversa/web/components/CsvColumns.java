package io.conversa.web.components;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.conversa.core.csv.FormulaCells;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * A table's columns, kept so that its rows can also be downloaded as CSV with the same headers and
 * texts as on screen (in the member's language): every table of the console offers its rows to
 * spreadsheets. Files start with a UTF-8 byte order mark, which spreadsheets need to read accents.
 */
public final class CsvColumns<T> implements Serializable {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING).build();

    private final List<String> headers = new ArrayList<>();
    private final List<ValueProvider<T, String>> cells = new ArrayList<>();

    /** A text column of the grid, exported as shown. */
    public Grid.Column<T> add(Grid<T> grid, String header, ValueProvider<T, String> cell) {
        exported(header, cell);
        return grid.addColumn(cell).setHeader(header);
    }

    /** A column of the file that the grid shows another way (a badge, a button) or not at all. */
    public CsvColumns<T> exported(String header, ValueProvider<T, String> cell) {
        headers.add(header);
        cells.add(cell);
        return this;
    }

    /**
     * A button that downloads the rows (read when it is clicked, with the member's rights) as
     * {@code <name>-<today>.csv}.
     */
    public Anchor download(String id, String name, SerializableSupplier<? extends Stream<T>> rows) {
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            StringWriter csv = new StringWriter().append('\uFEFF');
            event.getUI().accessSynchronously(() -> write(rows.get(), csv));
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), name + "-" + LocalDate.now() + ".csv",
                    "text/csv; charset=utf-8", bytes.length);
        }), "");
        Button button = new Button(I18NProvider.translate("csv.download"), VaadinIcon.DOWNLOAD_ALT.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.setTabIndex(-1);
        anchor.add(button);
        anchor.setId(id);
        return anchor;
    }

    private void write(Stream<T> rows, StringWriter out) {
        CsvSchema.Builder schema = CsvSchema.builder();
        headers.forEach(schema::addColumn);
        try (SequenceWriter writer = MAPPER.writer(schema.build().withHeader()).writeValues(out); rows) {
            rows.forEach(row -> writer.write(cells.stream().map(cell -> FormulaCells.escape(cell.apply(row))).toList()));
        }
    }
}
