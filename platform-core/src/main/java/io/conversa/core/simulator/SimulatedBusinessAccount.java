package io.conversa.core.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated WhatsApp Business Account: its message templates, as the Graph API lists them.
 * A new account has Meta's {@code hello_world} and a few samples in Portuguese and English.
 */
final class SimulatedBusinessAccount {

    private static final AtomicLong IDS = new AtomicLong(1_000_000_000_000_000L);

    private final Map<String, Template> templates = new LinkedHashMap<>();

    /** A template and its review status (PENDING, APPROVED, REJECTED, PAUSED, DISABLED). */
    static final class Template {
        final String id;
        final String name;
        final String language;
        final String category;
        final List<Map<String, Object>> components;
        volatile String status;

        Template(String name, String language, String category, List<Map<String, Object>> components, String status) {
            this.id = String.valueOf(IDS.incrementAndGet());
            this.name = name;
            this.language = language;
            this.category = category;
            this.components = List.copyOf(components);
            this.status = status;
        }

        Map<String, Object> toGraph() {
            Map<String, Object> graph = new LinkedHashMap<>();
            graph.put("name", name);
            graph.put("parameter_format", "POSITIONAL");
            graph.put("components", components);
            graph.put("language", language);
            graph.put("status", status);
            graph.put("category", category);
            graph.put("id", id);
            return graph;
        }
    }

    static SimulatedBusinessAccount withSampleTemplates() {
        SimulatedBusinessAccount account = new SimulatedBusinessAccount();
        account.add(new Template("hello_world", "en_US", "UTILITY", List.of(
                Map.of("type", "HEADER", "format", "TEXT", "text", "Hello World"),
                Map.of("type", "BODY", "text", "Welcome and congratulations!! This message demonstrates your ability to send a "
                        + "WhatsApp message notification from the Cloud API, hosted by Meta."),
                Map.of("type", "FOOTER", "text", "WhatsApp Business Platform sample message")), "APPROVED"));
        account.add(new Template("welcome", "pt_BR", "MARKETING", List.of(
                Map.of("type", "BODY", "text", "Olá! Que bom ter você por aqui. Responda esta mensagem para falar com a gente.")),
                "APPROVED"));
        account.add(new Template("order_update", "pt_BR", "UTILITY", List.of(
                Map.of("type", "BODY", "text", "Seu pedido {{1}} foi atualizado. Responda para saber mais.")), "APPROVED"));
        account.add(new Template("follow_up", "en", "UTILITY", List.of(
                Map.of("type", "BODY", "text", "Hi! We are following up on your request. Reply to continue the conversation.")),
                "APPROVED"));
        return account;
    }

    synchronized void add(Template template) {
        templates.put(template.id, template);
    }

    synchronized Optional<Template> find(String name, String language) {
        return templates.values().stream().filter(t -> t.name.equals(name) && t.language.equals(language)).findFirst();
    }

    synchronized Optional<Template> byId(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    synchronized List<Template> list() {
        return new ArrayList<>(templates.values());
    }

    /** Deletes the template in every language, as the Graph API's delete by name does; returns how many. */
    synchronized int delete(String name) {
        int before = templates.size();
        templates.values().removeIf(t -> t.name.equals(name));
        return before - templates.size();
    }
}
