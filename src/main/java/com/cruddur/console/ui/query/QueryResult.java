package com.cruddur.console.ui.query;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.ui.browse.GridRow;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One result set of a run, as one results tab shows it: its columns (kinds from the server's type names, for the
 * grid's typed cells) and the rows fetched so far, in the Browse grid's row type.
 */
public final class QueryResult {
    private final String title;
    private final String statement;
    private final List<ColumnInfo> columns;
    private final ObservableList<GridRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper moreRows = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("fetching…");

    QueryResult(String title, String statement, List<String> names, List<String> types) {
        this.title = title;
        this.statement = statement;
        List<ColumnInfo> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String type = types.get(i);
            cols.add(new ColumnInfo(names.get(i), type, type, type, true, false, null, ColumnKind.ofUdt(type)));
        }
        this.columns = List.copyOf(cols);
    }

    public String title() {
        return title;
    }

    public String statement() {
        return statement;
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    public ObservableList<GridRow> rows() {
        return rows;
    }

    /** True while the statement's cursor holds rows not fetched yet. */
    public ReadOnlyBooleanProperty moreRowsProperty() {
        return moreRows.getReadOnlyProperty();
    }

    /** "10,000 rows fetched — more on the server", "3 rows", "first 10,000 rows shown". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    void add(List<String[]> batch) {
        List<GridRow> added = new ArrayList<>(batch.size());
        long n = rows.size();
        for (String[] values : batch) {
            added.add(new GridRow(++n, values));
        }
        rows.addAll(added);
    }

    /** {@code capped}: why the grid holds no more of the rows left (a limit it reached), or null. */
    void ended(long total, boolean more, boolean truncated, String capped) {
        moreRows.set(more && capped == null);
        String count = count(total);
        if (capped != null) {
            status.set(count + " rows fetched (" + capped + ") — export for the rest: the query command"
                    + " (--format csv) streams all of them");
        } else if (more) {
            status.set(count + " rows fetched — more on the server");
        } else if (truncated) {
            status.set("first " + count + " rows shown (a script's earlier result; run it alone to fetch more)");
        } else {
            status.set(count + (total == 1 ? " row" : " rows"));
        }
    }

    void stopped(String why) {
        moreRows.set(false);
        status.set(count(rows.size()) + " rows fetched — " + why);
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n).replace('\u00a0', ',');
    }
}
