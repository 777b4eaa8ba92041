package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.TableSummary;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The table list: users and activities first, then every table and view, narrowed by a search box. The console's own
 * schema (where migrate keeps its checksums) is machinery, not data: it is left out.
 */
public final class TableListViewModel {
    /** The schema the console creates for itself (see core.schema.migrate.MigrationTable). */
    static final String CONSOLE_SCHEMA = "cruddur_console";
    private final BrowseCalls calls;
    private List<TableSummary> all = List.of();
    private final ObservableList<TableSummary> shown = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TableSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<TableSummary> cruddurTables = FXCollections.observableArrayList();
    private final TaskGroup loads;
    private long generation;

    TableListViewModel(BrowseCalls calls) {
        this.calls = calls;
        this.loads = calls.group();
        search.addListener((o, was, now) -> shown.setAll(TableSummary.search(all, now)));
    }

    public ObservableList<TableSummary> tables() { return shown; }
    public StringProperty searchProperty() { return search; }
    /** The table the grid shows; the view binds the list's selection to it. */
    public ObjectProperty<TableSummary> selectedProperty() { return selected; }
    public ReadOnlyStringProperty errorProperty() { return error; }
    public ReadOnlyBooleanProperty loadingProperty() { return loads.runningProperty(); }
    /** True once the list of the active profile's database has been read (it may be empty). */
    public ReadOnlyBooleanProperty loadedProperty() { return loaded.getReadOnlyProperty(); }
    /** Cruddur's own tables present in the database ({@code users}, {@code activities}), offered as buttons. */
    public ObservableList<TableSummary> cruddurTables() { return cruddurTables; }
    /** True when the database has no table or view at all (whatever the search box says). */
    public boolean databaseEmpty() { return loaded.get() && all.isEmpty(); }

    /** Reloads the list from the active profile's database, keeping the selection when the table still exists. */
    public void reload() {
        long gen = ++generation;
        loads.run("Listing tables", () -> calls.service.listTables(calls.session.database()), list -> {
            if (gen != generation) {
                return;
            }
            error.set("");
            TableSummary was = selected.get();
            all = list.stream().filter(t -> !t.ref().schema().equals(CONSOLE_SCHEMA)).toList();
            cruddurTables.setAll(all.stream().filter(t -> t.ref().schema().equals("public")
                    && (t.ref().name().equals("users") || t.ref().name().equals("activities"))).toList());
            loaded.set(true);
            shown.setAll(TableSummary.search(all, search.get()));
            if (was != null) {
                selected.set(find(was.ref()));
            }
        }, e -> {
            if (gen == generation && !TaskOutcome.isCancellation(e)) {
                error.set(BrowseCalls.message(e));
            }
        });
    }

    /** Empties the list (no active profile or a new one being loaded). */
    public void clear() {
        generation++;
        all = List.of();
        shown.clear();
        cruddurTables.clear();
        loaded.set(false);
        error.set("");
        selected.set(null);
    }

    /** The entry for {@code ref}, or a summary made up for it when the list does not have it (yet). */
    public TableSummary find(TableRef ref) {
        return all.stream().filter(t -> t.ref().equals(ref)).findFirst()
                .orElse(new TableSummary(ref, false, -1, null));
    }
}
