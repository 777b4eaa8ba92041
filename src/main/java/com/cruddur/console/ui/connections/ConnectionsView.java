package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.ui.common.EnvironmentStyles;
import com.cruddur.console.ui.common.Fxml;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Code-behind of ConnectionsView.fxml: bindings to the view model and one-line handlers. */
public final class ConnectionsView {
    private static final double PROFILE_ROW_HEIGHT = 24;

    private final ConnectionsViewModel vm;

    @FXML private SplitPane root;
    @FXML private ListView<ConnectionProfile> profileList;
    @FXML private Button deleteButton;
    @FXML private Button useButton;
    @FXML private PasswordField uriField;
    @FXML private Button importButton;
    @FXML private TextField nameField;
    @FXML private ChoiceBox<Environment> envChoice;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField userField;
    @FXML private ChoiceBox<PasswordSource.Kind> passwordSourceChoice;
    @FXML private TextField envVarField;
    @FXML private ChoiceBox<SslMode> sslModeChoice;
    @FXML private TextField rootCertField;
    @FXML private CheckBox readOnlyCheck;
    @FXML private TextField connectTimeoutField;
    @FXML private TextField statementTimeoutField;
    @FXML private Label formError;
    @FXML private Button saveButton;
    @FXML private Button testButton;
    @FXML private Button copyUriButton;
    @FXML private Label testResult;

    public ConnectionsView(ConnectionsViewModel vm) {
        this.vm = vm;
    }

    /** Loads the FXML with this object as its controller and returns the root node. */
    public Parent load() {
        return Fxml.load(ConnectionsView.class, "ConnectionsView.fxml", this);
    }

    @FXML
    private void initialize() {
        profileList.setItems(vm.profiles());
        profileList.setCellFactory(list -> new ProfileCell());
        // One row height for all profiles: the list then does not build and style a cell just to measure rows (a
        // first-window cost).
        profileList.setFixedCellSize(PROFILE_ROW_HEIGHT);
        profileList.getSelectionModel().selectedItemProperty().addListener((o, old, p) -> {
            if (p != null) {
                vm.selectedProperty().set(p);
            }
        });
        vm.selectedProperty().addListener((o, old, p) -> {
            if (p == null) {
                profileList.getSelectionModel().clearSelection();
            } else if (profileList.getSelectionModel().getSelectedItem() != p) {
                profileList.getSelectionModel().select(p);
            }
        });

        envChoice.getItems().setAll(Environment.values());
        envChoice.setConverter(converter(Environment::id));
        passwordSourceChoice.getItems().setAll(PasswordSource.Kind.values());
        passwordSourceChoice.setConverter(converter(k -> switch (k) {
            case PGPASS -> "~/.pgpass";
            case ENV -> "environment variable";
            case PROMPT -> "ask when connecting";
            case NONE -> "no password";
        }));
        sslModeChoice.getItems().setAll(SslMode.values());

        nameField.textProperty().bindBidirectional(vm.name);
        envChoice.valueProperty().bindBidirectional(vm.environment);
        hostField.textProperty().bindBidirectional(vm.host);
        portField.textProperty().bindBidirectional(vm.port);
        databaseField.textProperty().bindBidirectional(vm.database);
        userField.textProperty().bindBidirectional(vm.user);
        passwordSourceChoice.valueProperty().bindBidirectional(vm.passwordKind);
        envVarField.textProperty().bindBidirectional(vm.envVar);
        sslModeChoice.valueProperty().bindBidirectional(vm.sslMode);
        rootCertField.textProperty().bindBidirectional(vm.rootCert);
        readOnlyCheck.selectedProperty().bindBidirectional(vm.readOnly);
        readOnlyCheck.setOnAction(e -> vm.readOnlyTouched());
        connectTimeoutField.textProperty().bindBidirectional(vm.connectTimeout);
        statementTimeoutField.textProperty().bindBidirectional(vm.statementTimeout);
        uriField.textProperty().bindBidirectional(vm.uriInput);

        envVarField.visibleProperty().bind(vm.passwordKind.isEqualTo(PasswordSource.Kind.ENV));
        envVarField.managedProperty().bind(envVarField.visibleProperty());
        rootCertField.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.sslMode.get() == null || !vm.sslMode.get().verifiesCertificate(), vm.sslMode));
        for (var field : new javafx.scene.Node[] {nameField, envChoice, hostField, portField, databaseField, userField,
                passwordSourceChoice, envVarField, sslModeChoice, readOnlyCheck, connectTimeoutField, statementTimeoutField}) {
            field.disableProperty().bind(vm.embeddedSelectedProperty());
        }
        formError.textProperty().bind(vm.formErrorProperty());
        testResult.textProperty().bind(vm.testResultProperty());
        vm.testStateProperty().addListener((o, old, s) -> {
            testResult.getStyleClass().removeAll("ok", "failed", "running");
            switch (s) {
                case OK -> testResult.getStyleClass().add("ok");
                case FAILED -> testResult.getStyleClass().add("failed");
                case RUNNING -> testResult.getStyleClass().add("running");
                default -> { }
            }
        });
        saveButton.disableProperty().bind(vm.formValidProperty().not().or(vm.embeddedSelectedProperty()));
        importButton.disableProperty().bind(vm.uriInput.isEmpty());
        testButton.disableProperty().bind(vm.formValidProperty().not()
                .or(vm.testStateProperty().isEqualTo(ConnectionsViewModel.TestState.RUNNING)));
        copyUriButton.disableProperty().bind(vm.formValidProperty().not().or(vm.embeddedSelectedProperty()));
        deleteButton.disableProperty().bind(vm.selectedProperty().isNull().or(vm.embeddedSelectedProperty()));
        useButton.disableProperty().bind(vm.selectedProperty().isNull());
        root.getStyleClass().add("view");
        if (!vm.profiles().isEmpty()) {
            vm.selectedProperty().set(vm.profiles().get(0));
        }
    }

    @FXML private void onNew() { vm.newProfile(); nameField.requestFocus(); }
    @FXML private void onDelete() { vm.delete(); }
    @FXML private void onUse() { vm.use(); }
    @FXML private void onImport() { vm.importUri(); }
    @FXML private void onSave() { vm.save(); }
    @FXML private void onTest() { vm.test(); }

    @FXML
    private void onCopyUri() {
        vm.exportUri().ifPresent(uri -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(uri);
            Clipboard.getSystemClipboard().setContent(c);
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
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

    /** A profile with its environment badge (prod in red) and a read-only tag. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        @Override
        protected void updateItem(ConnectionProfile p, boolean empty) {
            super.updateItem(p, empty);
            EnvironmentStyles.clear(this);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label badge = new Label(p.environment().id().toUpperCase());
            badge.getStyleClass().addAll("env-badge");
            EnvironmentStyles.apply(badge, p.environment());
            Label name = new Label(p.name());
            name.getStyleClass().add("profile-name");
            Region spacer = new Region();
            HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
            HBox box = new HBox(6, badge, name, spacer);
            if (p.readOnly()) {
                Label ro = new Label("read-only");
                ro.getStyleClass().add("tag");
                box.getChildren().add(ro);
            }
            if (p.embedded()) {
                Label emb = new Label("embedded");
                emb.getStyleClass().add("tag");
                box.getChildren().add(emb);
            }
            setText(null);
            setGraphic(box);
            EnvironmentStyles.apply(this, p.environment());
        }
    }
}
