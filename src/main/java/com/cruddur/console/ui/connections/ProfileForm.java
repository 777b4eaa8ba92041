package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.ProfileSummary;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

import java.util.function.Function;

/**
 * Code-behind of ProfileForm.fxml, the fields of a profile being made or edited, bound to the view model. The
 * Connections tab loads it the first time the form opens: nine text fields and three choice boxes are a good part
 * of what a window costs to style and lay out, and most starts only look at the profiles.
 */
final class ProfileForm {
    private final ConnectionsViewModel vm;

    @FXML private Label nameLabel;
    @FXML private Label environmentLabel;
    @FXML private TextField nameField;
    @FXML private ChoiceBox<Environment> envChoice;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField userField;
    @FXML private ChoiceBox<PasswordSource.Kind> passwordSourceChoice;
    @FXML private TextField envVarField;
    @FXML private Label passwordLabel;
    @FXML private PasswordField passwordField;
    @FXML private ChoiceBox<SslMode> sslModeChoice;
    @FXML private TextField rootCertField;
    @FXML private CheckBox readOnlyCheck;
    @FXML private TextField connectTimeoutField;
    @FXML private TextField statementTimeoutField;

    ProfileForm(ConnectionsViewModel vm) {
        this.vm = vm;
    }

    Parent load() {
        return Fxml.load(ProfileForm.class, "ProfileForm.fxml", this);
    }

    /** Puts the cursor in the name field (after New or Edit). */
    void focusName() {
        nameField.requestFocus();
    }

    @FXML
    private void initialize() {
        nameLabel.setText(ProfileSummary.NAME);
        environmentLabel.setText(ProfileSummary.ENVIRONMENT);
        envChoice.getItems().setAll(Environment.values());
        envChoice.setConverter(converter(Environment::id));
        passwordSourceChoice.getItems().setAll(PasswordSource.Kind.values());
        passwordSourceChoice.setConverter(converter(k -> switch (k) {
            case PGPASS -> "~/.pgpass";
            case ENV -> "environment variable";
            case PROMPT -> "ask when connecting";
            case NONE -> "no password";
            case AWS_SECRET -> "AWS Secrets Manager secret";
            case RDS_IAM -> "RDS IAM token";
        }));
        sslModeChoice.getItems().setAll(SslMode.values());

        nameField.textProperty().bindBidirectional(vm.form.name);
        envChoice.valueProperty().bindBidirectional(vm.form.environment);
        hostField.textProperty().bindBidirectional(vm.form.host);
        portField.textProperty().bindBidirectional(vm.form.port);
        databaseField.textProperty().bindBidirectional(vm.form.database);
        userField.textProperty().bindBidirectional(vm.form.user);
        passwordSourceChoice.valueProperty().bindBidirectional(vm.form.passwordKind);
        envVarField.textProperty().bindBidirectional(vm.form.envVar);
        passwordField.textProperty().bindBidirectional(vm.form.password);
        Visibility.showWhen(passwordLabel, vm.passwordFieldUsedProperty());
        Visibility.showWhen(passwordField, vm.passwordFieldUsedProperty());
        // where a typed password goes, said where it is typed (the pgpass file is $PGPASSFILE when that is set)
        passwordField.promptTextProperty().bind(Bindings.createStringBinding(
                () -> vm.form.passwordKind.get() == PasswordSource.Kind.PROMPT ? "kept in memory until you quit (optional)"
                        : "saved to " + vm.pgPassFile() + " (optional)", vm.form.passwordKind));
        sslModeChoice.valueProperty().bindBidirectional(vm.form.sslMode);
        rootCertField.textProperty().bindBidirectional(vm.form.rootCert);
        readOnlyCheck.selectedProperty().bindBidirectional(vm.form.readOnly);
        readOnlyCheck.setOnAction(e -> vm.readOnlyTouched());
        connectTimeoutField.textProperty().bindBidirectional(vm.form.connectTimeout);
        statementTimeoutField.textProperty().bindBidirectional(vm.form.statementTimeout);

        // the variable's name, or the secret's ARN or name
        Visibility.showWhen(envVarField, vm.form.passwordKind.isEqualTo(PasswordSource.Kind.ENV)
                .or(vm.form.passwordKind.isEqualTo(PasswordSource.Kind.AWS_SECRET)));
        rootCertField.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.form.sslMode.get() == null || !vm.form.sslMode.get().verifiesCertificate(), vm.form.sslMode));
    }

    private static <T> StringConverter<T> converter(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : toText.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
