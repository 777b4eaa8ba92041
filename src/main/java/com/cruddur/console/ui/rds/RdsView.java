package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.core.aws.InstanceAction;
import com.cruddur.console.core.aws.RdsEvent;
import com.cruddur.console.core.aws.SnapshotInfo;
import com.cruddur.console.core.aws.StopSchedule;
import com.cruddur.console.ui.common.Fxml;
import com.cruddur.console.ui.common.Icons;
import com.cruddur.console.ui.common.WindowEvents;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.WindowEvent;
import org.kordamp.ikonli.feather.Feather;

import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;

/** Code-behind of RdsView.fxml: bindings to the view models and one-line handlers. */
public final class RdsView {
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass RULES = PseudoClass.getPseudoClass("rules");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass STARTED_BY_AWS = PseudoClass.getPseudoClass("started-by-aws");

    private final RdsViewModel vm;
    private final RdsCreateViewModel create;
    private final RdsDetailsViewModel details;

    @FXML private BorderPane root;
    @FXML private ChoiceBox<String> awsProfileChoice;
    @FXML private TextField regionField;
    @FXML private TextField endpointField;
    @FXML private TextField ipServicesField;
    @FXML private Button checkSignInButton;
    @FXML private Label identityLabel;
    @FXML private TableView<DbInstanceInfo> instanceTable;
    @FXML private Button refreshButton;
    @FXML private Button startButton;
    @FXML private TextField snapshotField;
    @FXML private Button stopButton;
    @FXML private Button rebootButton;
    @FXML private ProgressIndicator pollIndicator;
    @FXML private Label statusLabel;
    @FXML private TextField ipField;
    @FXML private Button allowIpButton;
    @FXML private Button revokeIpButton;
    @FXML private ChoiceBox<String> linkProfileChoice;
    @FXML private Button linkProfileButton;
    @FXML private TextField newProfileField;
    @FXML private Button createProfileButton;
    @FXML private Label accessResult;
    @FXML private javafx.scene.control.ScrollPane accessScroll;
    @FXML private TextField createIdField;
    @FXML private TextField createClassField;
    @FXML private TextField createVersionField;
    @FXML private TextField createUserField;
    @FXML private TextField createDbField;
    @FXML private TextField createStorageField;
    @FXML private TextField createPortField;
    @FXML private TextField createBackupField;
    @FXML private TextField createProfileNameField;
    @FXML private CheckBox createPublicCheck;
    @FXML private CheckBox createManagedCheck;
    @FXML private Button createInstanceButton;
    @FXML private Label noSelectionLabel;
    @FXML private HBox stopBox;
    @FXML private Label stopLineLabel;
    @FXML private Button stopAgainButton;
    @FXML private Label costLabel;
    @FXML private Label savedLabel;
    @FXML private Label eventsProblemLabel;
    @FXML private Button resetPasswordButton;
    @FXML private ProgressIndicator detailsIndicator;
    @FXML private TableView<SnapshotInfo> snapshotTable;
    @FXML private Label snapshotPlaceholder;
    @FXML private TextField newSnapshotField;
    @FXML private Button takeSnapshotButton;
    @FXML private Button deleteSnapshotButton;
    @FXML private Button restoreSnapshotButton;
    @FXML private Label snapshotMessage;
    @FXML private Label snapshotWhyLabel;
    @FXML private Label instancePlaceholder;
    @FXML private TableView<RdsEvent> eventTable;
    @FXML private Label eventPlaceholder;
    @FXML private javafx.scene.layout.StackPane activityPane;

    public RdsView(RdsViewModel vm, RdsCreateViewModel create) {
        this.vm = vm;
        this.create = create;
        this.details = vm.details();
    }

    /** Loads the FXML with this object as its controller and returns the root node. */
    public Parent load() {
        return Fxml.load(RdsView.class, "RdsView.fxml", this);
    }

    @FXML
    private void initialize() {
        awsProfileChoice.setItems(vm.awsProfiles);
        awsProfileChoice.valueProperty().bindBidirectional(vm.awsProfile);
        regionField.textProperty().bindBidirectional(vm.region);
        endpointField.textProperty().bindBidirectional(vm.endpoint);
        endpointField.promptTextProperty().bind(vm.endpointHintProperty());
        ipServicesField.textProperty().bindBidirectional(vm.ipServices);
        identityLabel.textProperty().bind(vm.identityProperty());
        ipField.textProperty().bindBidirectional(vm.ip);
        snapshotField.textProperty().bindBidirectional(vm.snapshotName);
        newProfileField.textProperty().bindBidirectional(vm.newProfileName);
        linkProfileChoice.setItems(vm.connectionProfiles);
        linkProfileChoice.valueProperty().bindBidirectional(vm.linkTarget);
        statusLabel.textProperty().bind(vm.statusProperty());
        accessResult.textProperty().bind(vm.accessResultProperty());
        accessScroll.visibleProperty().bind(accessResult.textProperty().isNotEmpty());
        accessScroll.managedProperty().bind(accessScroll.visibleProperty());
        // up to three lines stay in sight however short the window; a longer answer scrolls within its bound
        accessScroll.minHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.min(54,
                accessResult.prefHeight(Math.max(1, accessScroll.getWidth() - 2)) + 2), accessResult.textProperty(),
                accessScroll.widthProperty()));
        // the whole answer can be copied (a label's text cannot be selected)
        javafx.scene.control.MenuItem copy = new javafx.scene.control.MenuItem("Copy");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString(accessResult.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        accessResult.setContextMenu(new javafx.scene.control.ContextMenu(copy));
        accessResult.pseudoClassStateChanged(RULES, true);
        vm.accessFailedProperty().addListener((o, was, failed) -> {
            accessResult.pseudoClassStateChanged(FAILED, failed);
            accessResult.pseudoClassStateChanged(RULES, !failed);
        });
        pollIndicator.visibleProperty().bind(vm.pollingProperty());

        instancePlaceholder.textProperty().bind(vm.instancesPlaceholderProperty());
        instanceTable.setItems(vm.instances());
        column("Instance", 150, DbInstanceInfo::identifier, null);
        column("Engine", 100, i -> i.engine() + " " + i.engineVersion(), null);
        column("Class", 100, DbInstanceInfo::instanceClass, null);
        column("Status", 85, DbInstanceInfo::status, null);
        Function<DbInstanceInfo, String> endpoint = i -> i.endpointHost() == null ? "(pending)"
                : i.endpointHost() + ":" + i.port();
        column("Endpoint", 190, endpoint, endpoint);
        column("Storage", 70, i -> i.allocatedStorageGb() == null ? "" : i.allocatedStorageGb() + " GB", null);
        column("Public", 60, i -> i.publiclyAccessible() ? "yes" : "no", null);
        column("Security groups", 135, i -> String.join(", ", i.securityGroupIds()), i -> String.join(", ",
                i.securityGroupIds()) + (i.port() == null ? "" : " — \"Allow my IP\" opens port " + i.port() + " in "
                + (i.securityGroupIds().size() == 1 ? "it" : "them")));
        instanceTable.getSelectionModel().selectedItemProperty().addListener((o, old, i) -> {
            if (i != null) {
                vm.selectedId.set(i.identifier());
            }
        });
        // a refresh or a status check replaces rows: the selected instance stays selected in the table too
        vm.instances().addListener((ListChangeListener<DbInstanceInfo>) c -> reselect());
        enableBy(startButton, InstanceAction.START);
        enableBy(stopButton, InstanceAction.STOP);
        enableBy(rebootButton, InstanceAction.REBOOT);
        enableBy(allowIpButton, InstanceAction.ALLOW_MY_IP);
        enableBy(revokeIpButton, InstanceAction.REVOKE_MY_IP);
        enableBy(linkProfileButton, InstanceAction.LINK_PROFILE);
        enableBy(createProfileButton, InstanceAction.CREATE_PROFILE);
        enableBy(resetPasswordButton, InstanceAction.RESET_PASSWORD);
        enableBy(takeSnapshotButton, InstanceAction.SNAPSHOT);
        // a disabled button shows no tooltip: the reason stands next to it
        snapshotWhyLabel.textProperty().bind(vm.whyNotProperty(InstanceAction.SNAPSHOT));
        snapshotWhyLabel.visibleProperty().bind(snapshotWhyLabel.textProperty().isNotEmpty());
        snapshotWhyLabel.managedProperty().bind(snapshotWhyLabel.visibleProperty());
        allowIpButton.disableProperty().unbind();
        allowIpButton.disableProperty().bind(vm.canProperty(InstanceAction.ALLOW_MY_IP).not().or(vm.accessBusyProperty()));
        revokeIpButton.disableProperty().unbind();
        revokeIpButton.disableProperty().bind(vm.canProperty(InstanceAction.REVOKE_MY_IP).not()
                .or(vm.accessBusyProperty()));
        Icons.withIcon(refreshButton, Feather.REFRESH_CW);
        Icons.withIcon(startButton, Feather.PLAY);
        Icons.withIcon(stopButton, Feather.SQUARE);
        Icons.withIcon(rebootButton, Feather.ROTATE_CW);
        Icons.withIcon(allowIpButton, Feather.UNLOCK);
        Icons.withIcon(revokeIpButton, Feather.LOCK);
        Icons.withIcon(stopAgainButton, Feather.SQUARE);
        Icons.withIcon(takeSnapshotButton, Feather.CAMERA);
        Icons.withIcon(deleteSnapshotButton, Feather.TRASH_2);
        Icons.withIcon(createInstanceButton, Feather.PLUS);
        bindDetails();
        activityPane.getChildren().add(new RdsActivityView(vm.activity()).node());
        bindSnapshots();
        bindEvents();

        createIdField.textProperty().bindBidirectional(create.identifier);
        createClassField.textProperty().bindBidirectional(create.instanceClass);
        createVersionField.textProperty().bindBidirectional(create.engineVersion);
        createUserField.textProperty().bindBidirectional(create.masterUser);
        createDbField.textProperty().bindBidirectional(create.dbName);
        createStorageField.textProperty().bindBidirectional(create.storageGb);
        createPortField.textProperty().bindBidirectional(create.port);
        createBackupField.textProperty().bindBidirectional(create.backupDays);
        createProfileNameField.textProperty().bindBidirectional(create.profileName);
        createPublicCheck.selectedProperty().bindBidirectional(create.publiclyAccessible);
        createManagedCheck.selectedProperty().bindBidirectional(create.managedPassword);

        // polling must not outlive the window: stop it and close the AWS clients when the window goes away
        WindowEvents.whileIn(root, WindowEvent.WINDOW_HIDDEN, e -> vm.shutdown());
    }

    /** The selected instance's stop dates, cost, snapshots and events. */
    private void bindDetails() {
        var none = vm.selectedInstanceProperty().isNull();
        noSelectionLabel.visibleProperty().bind(none);
        stopLineLabel.textProperty().bind(details.stopLineProperty());
        costLabel.textProperty().bind(details.costLineProperty());
        savedLabel.textProperty().bind(details.savedLineProperty());
        eventsProblemLabel.textProperty().bind(details.eventsProblemProperty());
        stopAgainButton.visibleProperty().bind(details.startedByAwsProperty());
        details.restartWarningProperty().addListener((o, was, now) -> stopLineLabel.pseudoClassStateChanged(WARNING, now));
        details.startedByAwsProperty().addListener((o, was, now) -> stopBox.pseudoClassStateChanged(STARTED_BY_AWS, now));
        stopBox.visibleProperty().bind(details.stopLineProperty().isNotEmpty());
        for (var l : new Label[] {noSelectionLabel, costLabel, savedLabel, eventsProblemLabel}) {
            if (l != noSelectionLabel) {
                l.visibleProperty().bind(l.textProperty().isNotEmpty());
            }
            l.managedProperty().bind(l.visibleProperty());
        }
        stopBox.managedProperty().bind(stopBox.visibleProperty());
        stopAgainButton.managedProperty().bind(stopAgainButton.visibleProperty());
        detailsIndicator.visibleProperty().bind(details.loadingProperty());
    }

    private void bindSnapshots() {
        snapshotTable.setItems(details.snapshots());
        snapshotColumn("Taken", 120, s -> when(s.createdAt()));
        snapshotColumn("Snapshot", 260, SnapshotInfo::id);
        snapshotColumn("Size", 70, s -> s.sizeGb() == null ? "" : s.sizeGb() + " GB");
        snapshotColumn("Status", 100, s -> s.status() + (s.progressPct() == null || "available".equals(s.status())
                ? "" : " " + s.progressPct() + "%"));
        snapshotColumn("Type", 90, SnapshotInfo::type);
        snapshotTable.getSelectionModel().selectedItemProperty().addListener((o, old, s) ->
                details.selectedSnapshot.set(s == null ? "" : s.id()));
        newSnapshotField.textProperty().bindBidirectional(details.newSnapshotName);
        var picked = snapshotTable.getSelectionModel().selectedItemProperty();
        deleteSnapshotButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> picked.get() == null || !picked.get().isManual(), picked));
        restoreSnapshotButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> picked.get() == null || !"available".equals(picked.get().status()), picked));
        snapshotMessage.textProperty().bind(firstNonEmpty(details.snapshotsProblemProperty(), details.messageProperty()));
        snapshotPlaceholder.textProperty().bind(Bindings.when(details.snapshotsProblemProperty().isEmpty())
                .then("No snapshots of this instance").otherwise(details.snapshotsProblemProperty()));
    }

    private void bindEvents() {
        eventTable.setItems(details.events());
        TableColumn<RdsEvent, String> time = new TableColumn<>("Time");
        time.setCellValueFactory(c -> new ReadOnlyStringWrapper(when(c.getValue().time())));
        time.setPrefWidth(110);
        time.setMinWidth(100);
        TableColumn<RdsEvent, String> message = new TableColumn<>("Event");
        message.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        message.setCellFactory(col -> tooltipCell());
        message.setPrefWidth(700);
        eventTable.getColumns().setAll(java.util.List.of(time, message));
        eventPlaceholder.textProperty().bind(Bindings.when(details.eventsProblemProperty().isEmpty())
                .then("No events in the last 7 days").otherwise(details.eventsProblemProperty()));
    }

    private static ObservableStringValue firstNonEmpty(ObservableStringValue first, ObservableStringValue second) {
        return Bindings.createStringBinding(() -> first.get().isEmpty() ? second.get() : first.get(), first, second);
    }

    private static String when(Instant t) {
        return t == null ? "(being taken)" : StopSchedule.when(t, ZoneId.systemDefault());
    }

    private void enableBy(Button b, InstanceAction action) {
        b.disableProperty().bind(vm.canProperty(action).not());
    }

    /** Selects the view model's instance again after its rows were replaced. */
    private void reselect() {
        String id = vm.selectedId.get();
        DbInstanceInfo shown = instanceTable.getSelectionModel().getSelectedItem();
        if (id == null || id.isEmpty() || (shown != null && shown.identifier().equals(id))) {
            return;
        }
        vm.instances().stream().filter(i -> i.identifier().equals(id)).findFirst()
                .ifPresent(i -> instanceTable.getSelectionModel().select(i));
    }

    /** A column of the instance table; a {@code tooltip} (for values a narrow column cuts) shows on its cells. */
    private void column(String title, double width, Function<DbInstanceInfo, String> value,
                        Function<DbInstanceInfo, String> tooltip) {
        TableColumn<DbInstanceInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, title.length() * 8.0 + 20));
        if (tooltip != null) {
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    DbInstanceInfo row = empty || getTableRow() == null ? null : getTableRow().getItem();
                    setText(empty ? null : item);
                    setTooltip(row == null ? null : Icons.tooltip(tooltip.apply(row)));
                }
            });
        }
        instanceTable.getColumns().add(c);
    }

    private void snapshotColumn(String title, double width, Function<SnapshotInfo, String> value) {
        TableColumn<SnapshotInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, title.length() * 8.0 + 20));
        c.setCellFactory(col -> tooltipCell());
        snapshotTable.getColumns().add(c);
    }

    /** A text cell whose tooltip holds its whole text, for values a narrow column cuts. */
    private static <S> TableCell<S, String> tooltipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : Icons.tooltip(item));
            }
        };
    }

    @FXML private void onCheckSignIn() { vm.checkSignIn(); }
    @FXML private void onRefresh() { vm.refresh(); }
    @FXML private void onStart() { vm.start(); }
    @FXML private void onStop() { vm.stop(); }
    @FXML private void onReboot() { vm.reboot(); }
    @FXML private void onAllowIp() { vm.allowMyIp(); }
    @FXML private void onRevokeIp() { vm.revokeMyIp(); }
    @FXML private void onLinkProfile() { vm.linkProfile(); }
    @FXML private void onCreateProfile() { vm.createProfile(); }
    @FXML private void onCreate() { create.create(); }
    @FXML private void onStopAgain() { details.stopAgain(); }
    @FXML private void onResetPassword() { vm.resetMasterPassword(); }
    @FXML private void onTakeSnapshot() { details.takeSnapshot(); }
    @FXML private void onDeleteSnapshot() { details.deleteSnapshot(); }
    @FXML private void onRestoreSnapshot() { create.restoreSnapshot(); }
}
