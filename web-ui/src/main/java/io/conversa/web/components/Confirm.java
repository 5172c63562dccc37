package io.conversa.web.components;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before something that cannot be undone (disconnect, remove, revoke); the red button does it. */
public final class Confirm {

    private Confirm() {
    }

    public static void destructive(String title, String text, String action, Runnable work) {
        ConfirmDialog confirm = new ConfirmDialog(title, text, action, yes -> work.run());
        confirm.setCancelable(true);
        confirm.setCancelText(UI.getCurrent().getTranslation("settings.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }
}
