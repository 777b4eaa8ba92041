package com.cruddur.console.ui.common;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The dialog of {@link DialogService#confirmDestructive}: Enter alone never destroys. The go-ahead button names the
 * action and is styled as danger; Cancel is the default button and has the focus; on a protected target the
 * go-ahead becomes the default only while the typed name is exactly the one asked for (the core's guard still
 * decides what it accepts). Its result is what was typed ("" when nothing was asked), null when cancelled.
 */
final class DestructiveDialog {
    private DestructiveDialog() {
    }

    static Dialog<String> build(DestructiveChoice choice, double width) {
        Dialog<String> d = new Dialog<>();
        d.setTitle(choice.title());
        d.setHeaderText(choice.title());
        d.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE));
        d.getDialogPane().getStyleClass().add("danger-dialog");
        d.getDialogPane().setPrefWidth(width);
        d.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);

        Label message = new Label(choice.message());
        message.setId("destructiveMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add("dialog-message");
        VBox content = new VBox(8, message);
        if (choice.details() != null) {
            TextArea details = new TextArea(choice.details());
            details.setId("destructiveDetails");
            details.setEditable(false);
            details.setWrapText(true);
            details.setPrefRowCount((int) Math.max(2, Math.min(12, choice.details().lines().count() + 1)));
            details.getStyleClass().add("mono");
            content.getChildren().add(details);
        }
        TextField typed = new TextField();
        typed.setId("typedConfirmationField");
        if (choice.typedName() != null) {
            Label ask = new Label("Type '" + choice.typedName() + "' to confirm.");
            ask.setWrapText(true);
            ask.setMinHeight(Region.USE_PREF_SIZE);
            ask.setLabelFor(typed);
            content.getChildren().addAll(ask, typed);
        }
        d.getDialogPane().setContent(content);

        ButtonType goType = new ButtonType(choice.action(), ButtonBar.ButtonData.OTHER);
        d.getDialogPane().getButtonTypes().setAll(goType, ButtonType.CANCEL);
        Button go = (Button) d.getDialogPane().lookupButton(goType);
        Button cancel = (Button) d.getDialogPane().lookupButton(ButtonType.CANCEL);
        go.getStyleClass().add(Styles.DANGER);
        go.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE));
        cancel.setCancelButton(true);
        if (choice.typedName() == null) {
            go.setDefaultButton(false);
            cancel.setDefaultButton(true);
        } else {
            var exact = Bindings.createBooleanBinding(() -> choice.typedName().equals(typed.getText()),
                    typed.textProperty());
            go.defaultButtonProperty().bind(exact);
            cancel.defaultButtonProperty().bind(exact.not());
        }
        d.setResultConverter(b -> b == goType ? (choice.typedName() == null ? "" : typed.getText()) : null);
        d.setOnShown(e -> Platform.runLater(choice.typedName() == null ? cancel::requestFocus : typed::requestFocus));
        return d;
    }
}
