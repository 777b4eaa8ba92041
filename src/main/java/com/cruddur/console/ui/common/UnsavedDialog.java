package com.cruddur.console.ui.common;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * The dialog of {@link DialogService#askUnsaved}: the apply button names what it keeps ("Apply 3 changes",
 * "Commit"), the discard button what it loses and is styled as danger, and Cancel is the default button with the
 * focus, so Enter alone never discards. Its result is the choice, Cancel when closed.
 */
final class UnsavedDialog {
    private UnsavedDialog() {
    }

    static Dialog<UnsavedChoice> build(String question, UnsavedWork.Pending work, double width) {
        Dialog<UnsavedChoice> d = new Dialog<>();
        d.setTitle("Unsaved work");
        d.setHeaderText("Unsaved work: " + work.what());
        d.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE));
        d.getDialogPane().setId("unsavedDialog");
        d.getDialogPane().setPrefWidth(width);
        d.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        Label message = new Label(question);
        message.setId("unsavedMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.getStyleClass().add("dialog-message");
        d.getDialogPane().setContent(message);

        ButtonType discardType = new ButtonType(work.discardAction(), ButtonBar.ButtonData.OTHER);
        ButtonType applyType = work.apply() == null ? null : new ButtonType(work.applyAction(), ButtonBar.ButtonData.OTHER);
        if (applyType == null) {
            d.getDialogPane().getButtonTypes().setAll(discardType, ButtonType.CANCEL);
        } else {
            d.getDialogPane().getButtonTypes().setAll(applyType, discardType, ButtonType.CANCEL);
            Button apply = (Button) d.getDialogPane().lookupButton(applyType);
            apply.setId("unsavedApply");
            apply.setDefaultButton(false);
        }
        Button discard = (Button) d.getDialogPane().lookupButton(discardType);
        discard.setId("unsavedDiscard");
        discard.getStyleClass().add(Styles.DANGER);
        discard.setGraphic(Icons.icon(Feather.ALERT_TRIANGLE));
        discard.setDefaultButton(false);
        Button cancel = (Button) d.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("unsavedCancel");
        cancel.setCancelButton(true);
        cancel.setDefaultButton(true);
        d.setResultConverter(b -> b == applyType && b != null ? UnsavedChoice.APPLY
                : b == discardType ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL);
        d.setOnShown(e -> Platform.runLater(cancel::requestFocus));
        return d;
    }
}
