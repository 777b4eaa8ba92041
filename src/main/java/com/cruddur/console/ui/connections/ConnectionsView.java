package com.cruddur.console.ui.connections;

import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.ProfileSummary;
import com.cruddur.console.ui.common.EnvironmentStyles;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.Visibility;
import javafx.beans.binding.BooleanExpression;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

import java.util.Locale;

/**
 * The Connections tab: the profiles on the left, the selected profile's summary (or the form) on the right; bindings to
 * the view model and one-line handlers. The form ({@link ProfileForm}, FXML) is loaded the first time it opens (New,
 * Edit, Import). This view is built in Java, not FXML, because it is the first window's content: FXMLLoader's
 * reflective first use was the largest single cost between the toolkit's start and the first frame (README: start-up
 * ledger).
 */
public final class ConnectionsView {
    private static final double PROFILE_ROW_HEIGHT = 24;

    private final ConnectionsViewModel vm;
    private ProfileForm form;

    private final ListView<ConnectionProfile> profileList = node(new ListView<>(), "profileList");
    private final Button deleteButton = button("deleteButton", "Delete", this::onDelete);
    private final Button useButton = button("useButton", "Use", this::onUse);
    private final UriField uriField = node(new UriField(), "uriField");
    private final Button importButton = button("importButton", "Import", this::onImport);
    private final VBox summary = node(new VBox(10), "summary");
    private final Label summaryBadge = label("summaryBadge", "env-badge");
    private final Label summaryName = label("summaryName", "section-title");
    private final Label targetLabel = label("targetLabel");
    private final Label passwordLabel = label("passwordLabel");
    private final Label sslLabel = label("sslLabel");
    private final Label accessLabel = label("accessLabel");
    private final Label timeoutsLabel = label("timeoutsLabel");
    private final Label targetValue = wrapping(label("targetValue"));
    private final Label passwordValue = label("passwordValue");
    private final Label sslValue = wrapping(label("sslValue"));
    private final Label accessValue = label("accessValue");
    private final Label timeoutsValue = label("timeoutsValue");
    private final Label projectLabel = label("projectLabel");
    private final Label projectValue = wrapping(label("projectValue"));
    private final Label rdsLabel = label("rdsLabel");
    private final Label rdsValue = label("rdsValue");
    private final VBox formHolder = node(new VBox(), "formHolder");
    private final Label formError = wrapping(label("formError", "form-error"));
    private final Button editButton = button("editButton", "Edit", this::onEdit);
    private final Button saveButton = button("saveButton", "Save", this::onSave);
    private final Button cancelButton = button("cancelButton", "Cancel", this::onCancel);
    private final Button testButton = button("testButton", "Test connection", this::onTest);
    private final Button copyUriButton = button("copyUriButton", "Copy URI", this::onCopyUri);
    private final Button readOnlyRoleButton = button("readOnlyRoleButton", "Read-only role…", this::onReadOnlyRole);
    private final Label testResult = wrapping(label("testResult", "test-result"));

    public ConnectionsView(ConnectionsViewModel vm) {
        this.vm = vm;
    }

    /** Builds the view, binds it to the view model and returns its root. */
    public Parent load() {
        SplitPane root = layout();
        bind();
        return root;
    }

    private SplitPane layout() {
        Label profilesTitle = label(null, "section-title");
        profilesTitle.setText("Profiles");
        VBox.setVgrow(profileList, Priority.ALWAYS);
        VBox profiles = new VBox(8, profilesTitle, profileList,
                new HBox(6, button("newButton", "New", this::onNew), deleteButton, useButton));
        profiles.setMinWidth(200);
        profiles.getStyleClass().add("profile-list-pane");

        Label uriTitle = label(null, "section-title");
        uriTitle.setText("Paste a connection URI");
        // shows the URI with its password masked, so a typo elsewhere can be seen
        uriField.setPromptText("postgresql://user:password@host:5432/cruddur?sslmode=require");
        HBox.setHgrow(uriField, Priority.ALWAYS);
        // The selected profile as saved (labels from core ProfileSummary, as profiles show prints them); Edit opens
        // the form (ProfileForm.fxml) in formHolder instead.
        HBox summaryTitle = new HBox(8, summaryBadge, summaryName);
        summaryTitle.getStyleClass().add("profile-summary-title");
        GridPane rows = new GridPane();
        rows.setHgap(10);
        rows.setVgap(8);
        rows.getStyleClass().add("profile-summary");
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(130);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        rows.getColumnConstraints().addAll(names, values);
        Label[][] pairs = {{targetLabel, targetValue}, {passwordLabel, passwordValue}, {sslLabel, sslValue},
            {accessLabel, accessValue}, {timeoutsLabel, timeoutsValue}, {projectLabel, projectValue},
            {rdsLabel, rdsValue}};
        for (int row = 0; row < pairs.length; row++) {
            rows.addRow(row, pairs[row]);
        }
        summary.getChildren().addAll(summaryTitle, rows);
        saveButton.setDefaultButton(true);
        cancelButton.setCancelButton(true);
        readOnlyRoleButton.setTooltip(
                new Tooltip("Create a login role that can read and not write, and switch this profile to it"));
        VBox right = new VBox(12, uriTitle, new HBox(6, uriField, importButton), summary, formHolder, formError,
                new HBox(6, editButton, saveButton, cancelButton, testButton, copyUriButton, readOnlyRoleButton),
                testResult);
        right.getStyleClass().add("profile-form-pane");
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);

        SplitPane root = node(new SplitPane(profiles, scroll), "root");
        root.setDividerPositions(0.28);
        root.getStyleClass().addAll("connections-view", "view");
        return root;
    }

    private void bind() {
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
        for (Node n = pick.getIntersectedNode(); n != null; n = n.getParent()) {
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

    private void onNew() { vm.newProfile(); focusForm(); }
    private void onEdit() { vm.edit(); focusForm(); }
    private void onReadOnlyRole() { vm.makeReadOnlyRole(); }
    private void onCancel() { vm.cancel(); }
    private void onDelete() { vm.delete(); }
    private void onUse() { vm.use(); }
    private void onImport() { vm.importUri(); }
    private void onSave() { vm.save(); }
    private void onTest() { vm.test(); }

    private void onCopyUri() {
        vm.exportUri().ifPresent(uri -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(uri);
            Clipboard.getSystemClipboard().setContent(c);
        });
    }

    private static <N extends Node> N node(N node, String id) {
        node.setId(id);
        return node;
    }

    private static Label label(String id, String... styleClasses) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    private static Label wrapping(Label label) {
        label.setWrapText(true);
        return label;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = node(new Button(text), id);
        button.setOnAction(e -> action.run());
        return button;
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
            HBox.setHgrow(spacer, Priority.ALWAYS);
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
