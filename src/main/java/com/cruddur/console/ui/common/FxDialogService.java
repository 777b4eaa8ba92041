package com.cruddur.console.ui.common;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** JavaFX dialogs for {@link DialogService}; safe to call from background threads (it waits for the answer). */
public final class FxDialogService implements DialogService {
    /** Width of a message, in its monospaced characters (a few are kept for the area's padding). */
    private static final int COLUMNS = 80;
    /** Width of a question's text, in pixels. */
    private static final double QUESTION_WIDTH = 560;
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
            Alert a = question(title, message);
            a.getButtonTypes().setAll(ButtonType.YES, ButtonType.NO);
            return a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        });
    }

    @Override
    public Optional<String> confirmDestructive(DestructiveChoice choice) {
        return onFx(() -> {
            Dialog<String> d = DestructiveDialog.build(choice, dialogWidth());
            d.initOwner(owner.get());
            styled(d);
            return d.showAndWait();
        });
    }

    @Override
    public UnsavedChoice askUnsaved(String question, UnsavedWork.Pending work) {
        return onFx(() -> {
            Dialog<UnsavedChoice> d = UnsavedDialog.build(question, work, dialogWidth());
            d.initOwner(owner.get());
            d.getDialogPane().getStyleClass().add("danger-dialog");
            styled(d);
            return d.showAndWait().orElse(UnsavedChoice.CANCEL);
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
            styled(d);
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
        // one row more: the area's inner padding takes part of the height its rows are given
        text.setPrefRowCount(rows(message) + 1);
        text.setPrefColumnCount(COLUMNS);
        text.getStyleClass().add("dialog-message");
        a.getDialogPane().setContent(text);
        themed(a, type == Alert.AlertType.ERROR ? Feather.X_OCTAGON : Feather.INFO);
        if (type == Alert.AlertType.ERROR) {
            a.getDialogPane().getStyleClass().add("error-dialog");
        }
        styled(a);
        return a;
    }

    /**
     * A question is read, not copied: a wrapped label, which the dialog sizes to its whole text whatever the font (an
     * area's rows are an estimate, and a scroll bar hid the end of the question).
     */
    private Alert question(String title, String message) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(owner.get());
        a.setTitle(title);
        a.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setPrefWidth(QUESTION_WIDTH);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("dialog-message");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        themed(a, Feather.HELP_CIRCLE);
        styled(a);
        return a;
    }

    /** 600 px, or less on a screen narrower than 680 px. */
    static double dialogWidth() {
        return Math.min(600, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth() - 80);
    }

    /** Rows for the whole message where it fits in ten: each line as the area wraps it, a word at a time. */
    static int rows(String message) {
        int rows = 0;
        for (String line : message.split("\\R", -1)) {
            rows += wrappedRows(line, COLUMNS - 4);
        }
        return Math.max(2, Math.min(10, rows));
    }

    /** Rows a line takes at {@code width} monospaced characters; a word longer than a row (a path) is broken. */
    private static int wrappedRows(String line, int width) {
        int rows = 1;
        int used = 0;
        for (String word : line.split(" ", -1)) {
            if (used > 0 && used + 1 + word.length() > width) {
                rows++;
                used = 0;
            }
            used += (used > 0 ? 1 : 0) + word.length();
            for (; used > width; used -= width) {
                rows++;
            }
        }
        return rows;
    }

    /** The theme's Feather icon in place of the stock one (which is drawn for a light look only). */
    private static void themed(Dialog<?> d, Feather icon) {
        d.setGraphic(Icons.icon(icon));
    }

    /**
     * The app's stylesheet on a dialog too (the red header of a danger dialog), and its owner's fill: a dialog's
     * scene is white by default, which showed as a white frame around a dark dialog.
     */
    private static void styled(Dialog<?> d) {
        java.net.URL css = FxDialogService.class.getResource("/com/cruddur/console/ui/app.css");
        if (css != null) {
            d.getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        javafx.stage.Window owner = d.getOwner();
        if (owner != null && owner.getScene() != null && d.getDialogPane().getScene() != null) {
            d.getDialogPane().getScene().setFill(owner.getScene().getFill());
        }
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
