package io.conversa.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard counts what customers do, and speaks the browser's language. */
@ConversaAppTest
class DashboardBrowserTest extends DemoOwnerBrowserTest {

    @Test
    void aCustomersMessageCountsOnTheDashboard() throws Exception {
        browser.waitForText(By.cssSelector("#kpi-messages-in .kpi-value"), "");
        long before = received();

        String customer = "5521" + (100_000_000 + ThreadLocalRandom.current().nextInt(800_000_000));
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/simulator/numbers/100000000000001/customer-messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"" + customer + "\", \"text\": \"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        // The dashboard reads the figures when it opens: open it again until the message is counted.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.driver.navigate().refresh();
            browser.waitForText(By.cssSelector("#kpi-messages-in .kpi-value"), "");
            return received() > before;
        });
        assertThat(browser.driver.findElement(By.id("kpi-conversations-started")).getText()).contains("Conversations started");

        // A click on a figure charts it per day of the period, the days adding up to the figure.
        browser.click("kpi-messages-in");
        browser.waitForText("chart-title", "Messages received");
        List<?> perDay = await().until(() -> (List<?>) browser.driver.executeScript(
                "const chart = document.getElementById('kpi-chart').chart;"
                        + "return chart && chart.data.datasets[0].label === 'This period' ? chart.data.datasets[0].data : null;"),
                data -> data != null && data.size() == 7);
        assertThat(perDay.stream().mapToLong(value -> ((Number) value).longValue()).sum()).isEqualTo(received());
        assertThat(((Number) perDay.get(6)).longValue()).isPositive();
        browser.driver.executeScript("document.getElementById('kpi-chart').scrollIntoView(false)");
        browser.screenshot("dashboard");
    }

    @Test
    void inPortugueseTheTranslatedViewsArePortuguese() {
        try (Browser brazilian = Browser.open("pt-BR")) {
            brazilian.driver.get("http://localhost:" + port + "/login");
            brazilian.wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Fluxos de chatbot no WhatsApp"));
            brazilian.signInAsDemoOwner(port);
            brazilian.waitForText("welcome", "Boas-vindas, Demo Owner");
            assertThat(brazilian.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                    .containsExactly("Painel", "Fluxos", "Caixa de entrada", "Marketplace", "Configurações");
            assertThat(brazilian.textOf("kpis")).contains("Mensagens recebidas", "Fluxos concluídos", "Mediana da primeira resposta");
            assertThat(brazilian.driver.findElement(By.tagName("body")).getText()).doesNotContain("!dashboard.", "!nav.", "Messages");
            brazilian.driver.get("http://localhost:" + port + "/flows");
            brazilian.waitForText("new-flow", "Novo fluxo");
            assertThat(brazilian.driver.getTitle()).isEqualTo("Fluxos · Conversa");

            // The gallery of flow templates, in Portuguese.
            brazilian.click("flow-templates");
            brazilian.waitForText("template-faq-handoff", "Perguntas frequentes com atendente");
            brazilian.driver.findElement(By.xpath("//vaadin-button[normalize-space()='Fechar']")).click();

            // The flow builder: its toolbar, palette, a new step's texts and its properties.
            brazilian.click("new-flow");
            brazilian.type("flow-name-input", "Boas-vindas " + ThreadLocalRandom.current().nextInt(1_000_000));
            brazilian.click("flow-name-save");
            brazilian.waitForText("palette", "Adicionar um passo");
            brazilian.click("palette-message");
            brazilian.waitForText("properties", "Pré-visualização");
            brazilian.waitForText("canvas", "Nova mensagem");
            String builder = brazilian.driver.findElement(By.tagName("body")).getText();
            assertThat(builder).contains("Publicar", "Mensagem", "Tipo", "inicia o fluxo", "Propriedades", "Versões", "Testar")
                    .doesNotContain("!editor.", "!node.", "!condition.", "Add a step", "New message", "Properties");

            // The platform's refusals are Portuguese too.
            brazilian.submitWebhook(port, "ftp://crm.example.com");
            brazilian.waitForText(By.tagName("vaadin-notification-card"), "A requisição é inválida: url deve ser uma URL https.");
        }
    }

    @Test
    void aMemberChoosesPortugueseAndKeepsItInAnotherBrowser() {
        try {
            browser.click("language");
            browser.click(By.xpath("//vaadin-select-item[normalize-space()='Português (Brasil)']"));
            browser.waitForText("welcome", "Boas-vindas");
            assertThat(browser.driver.findElements(By.cssSelector("vaadin-side-nav-item")).stream().map(WebElement::getText))
                    .contains("Painel", "Fluxos");

            try (Browser english = Browser.open()) {
                english.signInAsDemoOwner(port);
                english.waitForText("welcome", "Boas-vindas");
            }
        } finally {
            browser.click("language");
            browser.click(By.xpath("//vaadin-select-item[normalize-space()='Idioma do navegador' or normalize-space()=\"Browser's language\"]"));
        }
        browser.waitForText("welcome", "Welcome");
    }

    private long received() {
        return browser.driver.findElements(By.cssSelector("#kpi-messages-in .kpi-value")).stream().findFirst()
                .map(value -> Long.parseLong(value.getText().replaceAll("\\D", ""))).orElse(-1L);
    }
}
