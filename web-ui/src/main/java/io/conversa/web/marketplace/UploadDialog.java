package io.conversa.web.marketplace;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import io.conversa.core.module.MarketplaceModule;
import io.conversa.core.module.ModuleService;
import io.conversa.core.module.NewModule;
import io.conversa.core.security.Caller;
import io.conversa.web.components.CurrentClient;
import io.conversa.web.components.ErrorMessages;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Uploads a JavaScript module (manifest and source) as a private module of the team. */
class UploadDialog extends Dialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MANIFEST_EXAMPLE = """
            {"id": "acme.my-module", "name": "My module", "version": "1.0.0",
             "description": "What it does", "author": "Acme",
             "configSchema": {"type": "object", "properties": {"name": {"type": "string"}}},
             "capabilities": {}}""";
    private static final String SOURCE_EXAMPLE = """
            function execute(input, context) {
              return { greeting: 'Hello, ' + input.name + '!' };
            }""";

    UploadDialog(ModuleService modules, Caller caller, Consumer<MarketplaceModule> uploaded) {
        setHeaderTitle(getTranslation("marketplace.upload.title"));
        TextArea manifest = new TextArea(getTranslation("marketplace.upload.manifest"));
        manifest.setId("upload-manifest");
        manifest.setValue(MANIFEST_EXAMPLE);
        TextArea source = new TextArea(getTranslation("marketplace.upload.source"));
        source.setId("upload-source");
        source.setValue(SOURCE_EXAMPLE);
        Paragraph error = new Paragraph();
        error.setId("upload-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        for (TextArea area : new TextArea[] {manifest, source}) {
            area.setWidth("40em");
            area.setMinHeight("10em");
            area.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        }
        add(new Paragraph(getTranslation("marketplace.upload.help")), manifest, source, error);
        Button upload = new Button(getTranslation("marketplace.upload.confirm"), click -> {
            try {
                Map<String, Object> parsed = JSON.readValue(manifest.getValue(), new TypeReference<>() {
                });
                MarketplaceModule module = modules.upload(caller, new NewModule(parsed, source.getValue()), CurrentClient.info());
                close();
                uploaded.accept(module);
            } catch (JacksonException e) {
                error.setText(getTranslation("marketplace.upload.not-json", e.getOriginalMessage()));
            } catch (ErrorResponseException problem) {
                error.setText(ErrorMessages.of(problem));
            }
        });
        upload.setId("upload-confirm");
        upload.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("settings.cancel"), click -> close()), upload);
    }
}
