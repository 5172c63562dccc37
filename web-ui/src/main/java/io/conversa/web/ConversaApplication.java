package io.conversa.web;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Assembles Conversa: the platform core and its web UI in one application. */
@SpringBootApplication(scanBasePackages = "io.conversa")
@StyleSheet(Lumo.STYLESHEET)
// The inbox shows what happens as it happens.
@Push
public class ConversaApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(ConversaApplication.class, args);
    }
}
