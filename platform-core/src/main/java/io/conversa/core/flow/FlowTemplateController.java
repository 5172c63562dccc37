package io.conversa.core.flow;

import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FlowTemplateController {

    private final FlowTemplates templates;

    FlowTemplateController(FlowTemplates templates) {
        this.templates = templates;
    }

    /** The gallery of ready flows in a language ({@code en} or {@code pt-BR}); create one with {@code POST /api/v1/flows}. */
    @GetMapping("/api/v1/flow-templates")
    List<FlowTemplates.FlowTemplate> list(@RequestParam(defaultValue = "en") String language) {
        return templates.list(Locale.forLanguageTag(language));
    }
}
