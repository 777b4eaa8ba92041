package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.DbInstanceInfo;
import com.cruddur.console.ui.common.Fxml;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.WindowEvent;

import java.util.function.Function;

/** Code-behind of RdsView.fxml: bindings to the view models and one-line handlers. */
public final class RdsView {
    private final RdsViewModel vm;
    private final RdsCreateViewModel create;

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

    public RdsView(RdsViewModel vm, RdsCreateViewModel create) {
        this.vm = vm;
        this.create = create;
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
        ipServicesField.textProperty().bindBidirectional(vm.ipServices);
        identityLabel.textProperty().bind(vm.identityProperty());
        ipField.textProperty().bindBidirectional(vm.ip);
        snapshotField.textProperty().bindBidirectional(vm.snapshotName);
        newProfileField.textProperty().bindBidirectional(vm.newProfileName);
        linkProfileChoice.setItems(vm.connectionProfiles);
        linkProfileChoice.valueProperty().bindBidirectional(vm.linkTarget);
        statusLabel.textProperty().bind(vm.statusProperty());
        accessResult.textProperty().bind(vm.accessResultProperty());
        pollIndicator.visibleProperty().bind(vm.pollingProperty());

        instanceTable.setItems(vm.instances());
        column("Instance", DbInstanceInfo::identifier);
        column("Engine", i -> i.engine() + " " + i.engineVersion());
        column("Class", DbInstanceInfo::instanceClass);
        column("Status", DbInstanceInfo::status);
        column("Endpoint", i -> i.endpointHost() == null ? "(pending)" : i.endpointHost() + ":" + i.port());
        column("Storage", i -> i.allocatedStorageGb() == null ? "" : i.allocatedStorageGb() + " GB");
        column("Public", i -> i.publiclyAccessible() ? "yes" : "no");
        column("Security groups", i -> String.join(", ", i.securityGroupIds()));
        instanceTable.getSelectionModel().selectedItemProperty().addListener((o, old, i) -> {
            if (i != null) {
                vm.selectedId.set(i.identifier());
            }
        });
        var none = vm.selectedId.isEmpty();
        for (Button b : new Button[] {startButton, stopButton, rebootButton, allowIpButton, revokeIpButton,
                linkProfileButton, createProfileButton}) {
            b.disableProperty().bind(none);
        }

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
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, oldW, w) -> {
                    if (w != null) {
                        w.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> vm.shutdown());
                    }
                });
            }
        });
    }

    private void column(String title, Function<DbInstanceInfo, String> value) {
        TableColumn<DbInstanceInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        instanceTable.getColumns().add(c);
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
}
