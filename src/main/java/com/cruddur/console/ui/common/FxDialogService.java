package com.cruddur.console.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** JavaFX dialogs for {@link DialogService}; safe to call from background threads (it waits for the answer). */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        onFx(() -> {
            Alert a = alert(Alert.AlertType.ERROR, title, message);
            a.show();
            return null;
        });
    }

    @Override
    public void showInfo(String title, String message) {
        onFx(() -> {
            alert(Alert.AlertType.INFORMATION, title, message).show();
            return null;
        });
    }

    @Override
    public boolean confirm(String title, String message) {
        return onFx(() -> {
            Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
            a.getButtonTypes().setAll(ButtonType.YES, ButtonType.NO);
            return a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        });
    }

    @Override
    public Optional<String> typedConfirmation(String title, String message, String expectedName) {
        return onFx(() -> {
            TextInputDialog d = new TextInputDialog();
            d.initOwner(owner.get());
            d.setTitle(title);
            d.setHeaderText(message + "\n\nType '" + expectedName + "' to confirm.");
            d.getEditor().setId("typedConfirmationField");
            d.getDialogPane().getStyleClass().add("danger-dialog");
            return d.showAndWait();
        });
    }

    @Override
    public Optional<String> askPassword(String title, String message) {
        return onFx(() -> {
            Dialog<String> d = new Dialog<>();
            d.initOwner(owner.get());
            d.setTitle(title);
            PasswordField field = new PasswordField();
            field.setId("passwordPromptField");
            d.getDialogPane().setContent(new VBox(8, new Label(message), field));
            d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            d.setResultConverter(b -> b == ButtonType.OK ? field.getText() : null);
            Platform.runLater(field::requestFocus);
            return d.showAndWait();
        });
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert a = new Alert(type);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.setHeaderText(title);
        // A selectable text area so the message can be copied into a ticket or chat.
        TextArea text = new TextArea(message);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(8, 2 + message.length() / 70));
        text.getStyleClass().add("dialog-message");
        a.getDialogPane().setContent(text);
        return a;
    }

    private static <T> T onFx(Supplier<T> action) {
        if (Platform.isFxApplicationThread()) {
            return action.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the user", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

}
