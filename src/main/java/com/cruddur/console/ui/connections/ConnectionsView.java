package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.ProfileSummary;
import com.cruddur.console.ui.common.EnvironmentStyles;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.BooleanExpression;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

import java.util.Locale;

/**
 * Code-behind of ConnectionsView.fxml: bindings to the view model and one-line handlers. The right side shows the
 * selected profile's summary; the form ({@link ProfileForm}) is loaded the first time it opens (New, Edit, Import).
 */
public final class ConnectionsView {
    private static final double PROFILE_ROW_HEIGHT = 24;

    private final ConnectionsViewModel vm;
    private ProfileForm form;

    @FXML private SplitPane root;
    @FXML private ListView<ConnectionProfile> profileList;
    @FXML private Button deleteButton;
    @FXML private Button useButton;
    @FXML private UriField uriField;
    @FXML private Button importButton;
    @FXML private VBox summary;
    @FXML private Label summaryBadge;
    @FXML private Label summaryName;
    @FXML private Label targetLabel;
    @FXML private Label passwordLabel;
    @FXML private Label sslLabel;
    @FXML private Label accessLabel;
    @FXML private Label timeoutsLabel;
    @FXML private Label targetValue;
    @FXML private Label passwordValue;
    @FXML private Label sslValue;
    @FXML private Label accessValue;
    @FXML private Label timeoutsValue;
    @FXML private Label projectLabel;
    @FXML private Label projectValue;
    @FXML private Label rdsLabel;
    @FXML private Label rdsValue;
    @FXML private VBox formHolder;
    @FXML private Label formError;
    @FXML private Button editButton;
    @FXML private Button saveButton;
    @FXML private Button cancelButton;
    @FXML private Button testButton;
    @FXML private Button copyUriButton;
    @FXML private Button readOnlyRoleButton;
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
        profileList.setCellFactory(list -> new ProfileCell(vm));
        // the mark of the profile in use moves when another is used
        vm.activeProfileProperty().addListener((o, old, p) -> profileList.refresh());
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
            showSummary(p);
        });
        uriField.textProperty().bindBidirectional(vm.uriInput);
        // Enter in the URI field imports it (as in TablePlus); it does not reach the form's default button
        uriField.setOnAction(e -> {
            e.consume();
            if (!vm.uriInput.get().isBlank()) {
                vm.importUri();
                focusForm();
            }
        });
        // double-click or Enter on a profile uses it (as in TablePlus and Beekeeper)
        profileList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && profileAt(e.getPickResult())) {
                useSelected();
            }
        });
        profileList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()) {
                e.consume();
                useSelected();
            }
        });
        targetLabel.setText(ProfileSummary.TARGET);
        passwordLabel.setText(ProfileSummary.PASSWORD);
        sslLabel.setText(ProfileSummary.SSL);
        accessLabel.setText(ProfileSummary.ACCESS);
        timeoutsLabel.setText(ProfileSummary.TIMEOUTS);
        projectLabel.setText(ProfileSummary.PROJECT);
        rdsLabel.setText(ProfileSummary.RDS_INSTANCE);

        BooleanExpression open = vm.formOpenProperty();
        Visibility.showWhen(summary, open.not());
        Visibility.showWhen(formHolder, open);
        Visibility.showWhen(editButton, open.not());
        Visibility.showWhen(readOnlyRoleButton, open.not());
        Visibility.showWhen(saveButton, open);
        Visibility.showWhen(cancelButton, open);
        open.addListener((o, was, isOpen) -> {
            if (isOpen && form == null) {
                form = new ProfileForm(vm);
                formHolder.getChildren().add(form.load());
            }
        });

        formError.textProperty().bind(vm.formErrorProperty());
        Visibility.showWhen(formError, formError.textProperty().isNotEmpty());
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
        // Enter saves and Esc cancels only while the form is open (hidden default and cancel buttons are disabled).
        saveButton.disableProperty().bind(open.not().or(vm.formValidProperty().not()).or(vm.embeddedSelectedProperty()));
        cancelButton.disableProperty().bind(open.not());
        editButton.disableProperty().bind(vm.selectedProperty().isNull().or(vm.embeddedSelectedProperty()));
        readOnlyRoleButton.disableProperty().bind(vm.selectedProperty().isNull().or(vm.embeddedSelectedProperty()));
        importButton.disableProperty().bind(vm.uriInput.isEmpty());
        testButton.disableProperty().bind(vm.testableProperty().not()
                .or(vm.testStateProperty().isEqualTo(ConnectionTestRun.TestState.RUNNING)));
        copyUriButton.disableProperty().bind(vm.formValidProperty().not().or(vm.embeddedSelectedProperty()));
        deleteButton.disableProperty().bind(vm.selectedProperty().isNull().or(vm.embeddedSelectedProperty()));
        useButton.disableProperty().bind(vm.canUseProperty().not());
        root.getStyleClass().add("view");
        if (!vm.profiles().isEmpty()) {
            vm.selectedProperty().set(vm.profiles().get(0));
        }
        showSummary(vm.selectedProperty().get());
    }

    /** The selected profile as saved, or a hint when none is selected. */
    private void showSummary(ConnectionProfile p) {
        EnvironmentStyles.apply(summaryBadge, p == null ? null : p.environment());
        summaryBadge.setText(p == null ? "" : p.environment().id().toUpperCase(Locale.ROOT));
        summaryBadge.setVisible(p != null);
        summaryName.setText(p == null ? "No profile selected: New makes one, or paste a URI above" : p.name());
        ProfileSummary s = p == null ? ProfileSummary.NONE : ProfileSummary.of(p);
        targetValue.setText(s.target());
        passwordValue.setText(s.password());
        sslValue.setText(s.ssl());
        accessValue.setText(s.access());
        timeoutsValue.setText(s.timeouts());
        showRow(projectLabel, projectValue, s.project());
        showRow(rdsLabel, rdsValue, s.rdsInstance());
    }

    private void useSelected() {
        if (vm.canUseProperty().get()) {
            vm.use();
        }
    }

    /** Whether a click landed on a row holding a profile (not on the list's empty space below the rows). */
    private static boolean profileAt(javafx.scene.input.PickResult pick) {
        for (javafx.scene.Node n = pick.getIntersectedNode(); n != null; n = n.getParent()) {
            if (n instanceof ListCell<?> cell) {
                return !cell.isEmpty();
            }
        }
        return false;
    }

    private void focusForm() {
        if (form != null && vm.formOpenProperty().get()) {
            form.focusName();
        }
    }

    private static void showRow(Label label, Label value, String text) {
        value.setText(text);
        for (Label l : new Label[] {label, value}) {
            l.setVisible(!text.isEmpty());
            l.setManaged(!text.isEmpty());
        }
    }

    @FXML private void onNew() { vm.newProfile(); focusForm(); }
    @FXML private void onEdit() { vm.edit(); focusForm(); }
    @FXML private void onReadOnlyRole() { vm.makeReadOnlyRole(); }
    @FXML private void onCancel() { vm.cancel(); }
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

    /** A profile with its environment badge (prod in red), a read-only tag, and a mark when it is the one in use. */
    private static final class ProfileCell extends ListCell<ConnectionProfile> {
        private final ConnectionsViewModel vm;

        ProfileCell(ConnectionsViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(ConnectionProfile p, boolean empty) {
            super.updateItem(p, empty);
            EnvironmentStyles.clear(this);
            getStyleClass().remove("active-profile");
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
            // the tags keep their whole word ("read-on", "embedde" before); a name too long for the pane gives way
            name.setMinWidth(0);
            name.setTooltip(Icons.tooltip(p.name()));
            Region spacer = new Region();
            HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
            HBox box = new HBox(6, badge, name, spacer);
            if (p.readOnly()) {
                Label ro = new Label("read-only");
                ro.getStyleClass().add("tag");
                ro.setMinWidth(Region.USE_PREF_SIZE);
                box.getChildren().add(ro);
            }
            if (p.embedded()) {
                Label emb = new Label("embedded");
                emb.getStyleClass().add("tag");
                emb.setMinWidth(Region.USE_PREF_SIZE);
                box.getChildren().add(emb);
            }
            if (vm.isActive(p)) {
                // the profile every tab works on: a check before the name, the name in bold (see app.css)
                box.getChildren().add(1, activeMark());
                getStyleClass().add("active-profile");
            }
            setText(null);
            setGraphic(box);
            EnvironmentStyles.apply(this, p.environment());
        }

        private static Label activeMark() {
            Label mark = Icons.withIcon(new Label(), Feather.CHECK_CIRCLE);
            mark.getStyleClass().add("active-mark");
            mark.setAccessibleText("in use");
            mark.setTooltip(Icons.tooltip("In use: every tab works on this profile"));
            return mark;
        }
    }
}
