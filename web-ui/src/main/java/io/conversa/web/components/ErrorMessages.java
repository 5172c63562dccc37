package io.conversa.web.components;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.conversa.core.web.Problems;
import java.util.Locale;
import org.springframework.web.ErrorResponseException;

/** Shows what the platform refused, in the words of its problem detail, in the member's language. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String of(ErrorResponseException problem) {
        UI ui = UI.getCurrent();
        String detail = Problems.localized(problem, ui == null ? Locale.ENGLISH : ui.getLocale()).getDetail();
        return detail == null ? problem.getStatusCode().toString() : detail;
    }

    public static void show(ErrorResponseException problem) {
        show(of(problem));
    }

    /** Runs what a person asked for; a refusal is shown in the platform's words. @return whether it was done */
    public static boolean attempt(Runnable work) {
        try {
            work.run();
            return true;
        } catch (ErrorResponseException e) {
            show(e);
            return false;
        }
    }

    public static void show(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
