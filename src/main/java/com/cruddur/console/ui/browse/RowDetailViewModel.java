package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.ColumnKind;
import com.cruddur.console.core.browse.ForeignKey;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.ValueDisplay;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The row detail panel: every field of the selected row in full (JSON pretty-printed), and the foreign keys
 * it can follow: from an activity to its user, from a user to their activities.
 */
public final class RowDetailViewModel {
    /** Made when a JSON value is first shown, not with the window: setting up an ObjectMapper takes ~30 ms. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final ObservableList<DetailField> fields = FXCollections.observableArrayList();
    private final BooleanProperty visible = new SimpleBooleanProperty(false);
    private final ObjectProperty<ForeignKey> outgoing = new SimpleObjectProperty<>();
    private final ObjectProperty<ForeignKey> incoming = new SimpleObjectProperty<>();
    private TableInfo table;
    private Object[] row;

    public ObservableList<DetailField> fields() { return fields; }
    public BooleanProperty visibleProperty() { return visible; }
    /** The key this row can follow to another table's row (activities.user_uuid → users), or null. */
    public ReadOnlyObjectProperty<ForeignKey> outgoingProperty() { return outgoing; }
    /** The key other rows point to this one with (users ← activities.user_uuid), or null. */
    public ReadOnlyObjectProperty<ForeignKey> incomingProperty() { return incoming; }

    /** Shows {@code row} of {@code info} (columns as the page returned them). */
    public void show(TableInfo info, List<ColumnInfo> columns, Object[] values, ValueDisplay display) {
        table = info;
        row = values;
        List<DetailField> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo c = columns.get(i);
            Object v = values[i];
            String type = c.typeName() + (c.primaryKey() ? ", primary key" : "") + (c.nullable() ? "" : ", not null");
            out.add(new DetailField(c.name(), type, v == null ? ValueDisplay.NULL_TEXT : text(c, v, display), v == null));
        }
        fields.setAll(out);
        outgoing.set(prefer(info.foreignKeys(), "users", true));
        incoming.set(prefer(info.referencedBy(), "activities", false));
    }

    public void clear() {
        table = null;
        row = null;
        fields.clear();
        outgoing.set(null);
        incoming.set(null);
    }

    public Optional<TableInfo> table() { return Optional.ofNullable(table); }
    public Optional<Object[]> row() { return Optional.ofNullable(row); }

    private static String text(ColumnInfo c, Object v, ValueDisplay display) {
        if (c.kind() == ColumnKind.JSON && v instanceof String s) {
            try {
                return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(s));
            } catch (JsonProcessingException e) {
                return s;
            }
        }
        return display.format(v);
    }

    /** The key towards (or from) the named table if there is one, else the first key. */
    private static ForeignKey prefer(List<ForeignKey> keys, String name, boolean byTarget) {
        return keys.stream().filter(k -> (byTarget ? k.target() : k.from()).name().equals(name)).findFirst()
                .orElse(keys.isEmpty() ? null : keys.get(0));
    }
}
