package com.cruddur.console.ui.browse;

import com.cruddur.console.core.browse.Cancellation;
import com.cruddur.console.core.browse.ColumnInfo;
import com.cruddur.console.core.browse.Filter;
import com.cruddur.console.core.browse.Page;
import com.cruddur.console.core.browse.PageRequest;
import com.cruddur.console.core.browse.SortKey;
import com.cruddur.console.core.browse.TableInfo;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.browse.ValueDisplay;
import com.cruddur.console.ui.common.TaskGroup;
import com.cruddur.console.ui.common.TaskOutcome;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The grid: one keyset page of the selected table at a time, with server-side sort, paging, counts and
 * cancellation. A failed fetch keeps the rows shown and sets {@link #errorProperty()}; refresh retries it.
 */
public final class GridViewModel {
    public static final List<Integer> PAGE_SIZES = List.of(50, 100, 200, 500, 1000, 5000);

    private final BrowseCalls calls;
    private final ObservableList<ColumnInfo> columns = FXCollections.observableArrayList();
    private final ObservableList<GridRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<TableInfo> table = new SimpleObjectProperty<>();
    private final ObjectProperty<List<SortKey>> sort = new SimpleObjectProperty<>(List.of());
    private final IntegerProperty pageSize = new SimpleIntegerProperty(PageRequest.DEFAULT_PAGE_SIZE);
    private final StringProperty pageLabel = new SimpleStringProperty("");
    private final StringProperty countLabel = new SimpleStringProperty("");
    private final StringProperty countAction = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty readOnlyNotice = new SimpleStringProperty("");
    private final TaskGroup fetches;
    private final TaskGroup counts;
    private final BooleanProperty hasNext = new SimpleBooleanProperty(false);
    private final BooleanProperty hasPrevious = new SimpleBooleanProperty(false);
    private final BooleanProperty utc = new SimpleBooleanProperty(true);
    private final BooleanProperty compactUuids = new SimpleBooleanProperty(true);
    private final ObjectProperty<ValueDisplay> display = new SimpleObjectProperty<>(new ValueDisplay(false, ZoneId.systemDefault()));
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>();

    private PageRequest lastRequest;
    private Runnable pendingOpen;
    private ToLongFunction<Page> lastOffset = p -> 0;
    private long offset;
    private long exactCount = -1;
    /** What became of the last exact count ("counting…", "count cancelled"), shown instead of the count line. */
    private String countNote = "";
    private long generation;

    GridViewModel(BrowseCalls calls) {
        this.calls = calls;
        this.fetches = calls.group();
        this.counts = calls.group();
        utc.addListener((o, was, now) -> display.set(new ValueDisplay(!now, ZoneId.systemDefault())));
        pageSize.addListener((o, was, now) -> {
            if (lastRequest != null && now.intValue() != lastRequest.pageSize()) {
                load(lastRequest.withPageSize(now.intValue()), p -> 0);
            }
        });
    }

    public ObservableList<ColumnInfo> columns() { return columns; }
    public ObservableList<GridRow> rows() { return rows; }
    public ReadOnlyObjectProperty<TableInfo> tableProperty() { return table; }
    public ReadOnlyObjectProperty<Page> pageProperty() { return page; }
    /** The server-side sort, first key first; empty means key order. */
    public ReadOnlyObjectProperty<List<SortKey>> sortProperty() { return sort; }
    public IntegerProperty pageSizeProperty() { return pageSize; }
    public ReadOnlyStringProperty pageLabelProperty() { return pageLabel; }
    /**
     * The row count as far as it is known: "≈ 200,003 rows" (the planner's estimate) only without a filter, "52 rows"
     * or "3 rows match" when exact, "200 shown" for a filtered page whose total is not counted.
     */
    public ReadOnlyStringProperty countLabelProperty() { return countLabel; }
    /** The count's action: "Exact count", "Count matching", "Stop counting", or "" when the count is exact. */
    public ReadOnlyStringProperty countActionProperty() { return countAction; }
    /** The last failure (what happened and what to do), empty when the last fetch worked. */
    public ReadOnlyStringProperty errorProperty() { return error; }
    /** Why the rows are read-only (view, or no key so paging on ctid), empty for keyed tables. */
    public ReadOnlyStringProperty readOnlyNoticeProperty() { return readOnlyNotice; }
    /** True while a page fetch runs (a cancelled one until it has stopped). */
    public ReadOnlyBooleanProperty loadingProperty() { return fetches.runningProperty(); }
    public ReadOnlyBooleanProperty countingProperty() { return counts.runningProperty(); }
    public ReadOnlyBooleanProperty hasNextProperty() { return hasNext; }
    public ReadOnlyBooleanProperty hasPreviousProperty() { return hasPrevious; }
    /** True to show timestamps in UTC, false for the local zone. */
    public BooleanProperty utcProperty() { return utc; }
    public ReadOnlyObjectProperty<ValueDisplay> displayProperty() { return display; }
    /** True to show UUIDs by their first 8 characters (tooltip, detail, copies and exports keep them whole). */
    public BooleanProperty compactUuidsProperty() { return compactUuids; }

    public Filter filter() {
        return lastRequest == null ? Filter.none() : lastRequest.filter();
    }

    /** Describes {@code ref} and shows its first page with {@code filter} (sort reset to key order). */
    public void open(TableRef ref, Filter filter) {
        lastRequest = null;
        pendingOpen = () -> open(ref, filter);
        error.set(""); // about the table shown before
        counts.cancelAll();
        long gen = startFetch();
        Cancellation c = Cancellation.create();
        int size = pageSize.get();
        fetches.run("Opening " + ref, () -> {
            TableInfo info = calls.service.describe(calls.session.database(), ref);
            PageRequest req = new PageRequest(info, List.of(), filter, size, PageRequest.Direction.FIRST, null);
            return calls.service.fetch(calls.session.database(), req, c);
        }, c::cancel, p -> {
            if (gen != generation) {
                return;
            }
            TableInfo info = p.request().table();
            table.set(info);
            sort.set(List.of());
            exactCount = -1;
            countNote = "";
            columns.setAll(p.columns());
            shown(p, 0);
        }, e -> failed(gen, e, ref));
    }

    /** Re-runs the current (or last failed) request. */
    public void refresh() {
        if (lastRequest != null) {
            load(lastRequest, lastOffset);
        } else if (pendingOpen != null) {
            pendingOpen.run();
        }
    }

    public void first() {
        if (lastRequest != null) {
            load(lastRequest.firstPage(), p -> 0);
        }
    }

    public void next() {
        Page p = page.get();
        if (p != null && p.hasNext()) {
            long base = offset < 0 ? -1 : offset + p.rows().size();
            load(p.nextRequest(), np -> base);
        }
    }

    public void previous() {
        Page p = page.get();
        if (p != null && p.hasPrevious()) {
            long base = offset;
            load(p.previousRequest(), np -> !np.hasPrevious() ? 0 : base < 0 ? -1 : Math.max(0, base - np.rows().size()));
        }
    }

    public void last() {
        if (lastRequest != null) {
            long known = exactCount;
            load(lastRequest.lastPage(), np -> known < 0 ? -1 : Math.max(0, known - np.rows().size()));
        }
    }

    /** Sorts on the server by {@code column}: a plain click replaces the sort (asc, desc, off), shift adds a key. */
    public void sortBy(String column, boolean add) {
        if (lastRequest == null) {
            return;
        }
        List<SortKey> now = new ArrayList<>(sort.get());
        int at = indexOf(now, column);
        if (add) {
            if (at < 0) {
                now.add(SortKey.asc(column));
            } else {
                now.set(at, now.get(at).ascending() ? SortKey.desc(column) : SortKey.asc(column));
            }
        } else if (now.size() == 1 && at == 0) {
            now = now.get(0).ascending() ? List.of(SortKey.desc(column)) : List.of();
        } else {
            now = List.of(SortKey.asc(column));
        }
        List<SortKey> chosen = List.copyOf(now);
        load(lastRequest.withSort(chosen), p -> 0);
    }

    /** Shows the first page with a new filter; the exact count no longer applies. */
    public void applyFilter(Filter filter) {
        if (lastRequest != null) {
            load(lastRequest.withFilter(filter), p -> 0);
        }
    }

    /** Counts the filtered rows exactly, in the background; {@link #cancel()} stops it. */
    public void exactCount() {
        PageRequest req = lastRequest;
        if (req == null || counts.isRunning()) {
            return;
        }
        Cancellation c = Cancellation.create();
        countNote = "counting…";
        counts.run("Counting rows of " + req.table().ref(),
                () -> calls.service.exactCount(calls.session.database(), req.table(), req.filter(), c), c::cancel,
                n -> {
                    if (stillShown(req)) {
                        exactCount = n;
                        countNote = "";
                    }
                    updateCount();
                }, e -> {
                    if (stillShown(req)) { // else about a table or filter no longer shown
                        boolean cancelled = TaskOutcome.isCancellation(e);
                        countNote = cancelled ? "count cancelled" : "count failed";
                        if (!cancelled) {
                            error.set(BrowseCalls.message(e));
                        }
                    }
                    updateCount();
                });
        updateCount();
    }

    private boolean stillShown(PageRequest req) {
        return req.filter().equals(filter()) && req.table().equals(table.get());
    }

    /** The count's action: counts, or stops the count running. */
    public void countAction() {
        if (counts.isRunning()) {
            counts.cancelAll();
        } else {
            exactCount();
        }
    }

    /** Cancels the running page fetch and count (Esc); the rows shown stay. */
    public void cancel() {
        fetches.cancelAll();
        counts.cancelAll();
    }

    /** Shows a problem found before any query ran (e.g. a condition without a column). */
    void showError(String message) {
        error.set(message);
    }

    /** Clears the grid (e.g. when the profile changes). */
    public void clear() {
        generation++;
        cancel();
        lastRequest = null;
        pendingOpen = null;
        page.set(null);
        table.set(null);
        rows.clear();
        columns.clear();
        pageLabel.set("");
        countLabel.set("");
        countAction.set("");
        countNote = "";
        exactCount = -1;
        readOnlyNotice.set("");
        error.set("");
        hasNext.set(false);
        hasPrevious.set(false);
    }

    private void load(PageRequest req, ToLongFunction<Page> offsetOf) {
        long gen = startFetch();
        Cancellation c = Cancellation.create();
        boolean filterChanged = lastRequest == null || !req.filter().equals(lastRequest.filter());
        lastRequest = req;
        lastOffset = offsetOf;
        if (filterChanged) {
            exactCount = -1;
            countNote = "";
            counts.cancelAll();
        }
        sort.set(req.sort());
        fetches.run("Loading " + req.table().ref(), () -> calls.service.fetch(calls.session.database(), req, c),
                c::cancel, p -> {
                    if (gen == generation) {
                        shown(p, offsetOf.applyAsLong(p));
                    }
                }, e -> failed(gen, e, req.table().ref()));
    }

    /** A new fetch replaces the running one: that one is cancelled and its outcome ignored. */
    private long startFetch() {
        fetches.cancelAll();
        return ++generation;
    }

    private void shown(Page p, long newOffset) {
        lastRequest = p.request();
        offset = newOffset;
        lastOffset = x -> newOffset;
        page.set(p);
        List<GridRow> out = new ArrayList<>(p.rows().size());
        for (int i = 0; i < p.rows().size(); i++) {
            out.add(new GridRow(newOffset < 0 ? -1 : newOffset + i + 1, p.rows().get(i)));
        }
        rows.setAll(out);
        hasNext.set(p.hasNext());
        hasPrevious.set(p.hasPrevious());
        readOnlyNotice.set(!p.readOnly() ? "" : p.request().table().view()
                ? "Read-only: " + p.request().table().ref() + " is a view"
                : "Read-only: " + p.request().table().ref() + " has no primary key, so pages follow ctid");
        pageLabel.set(p.isEmpty() ? "no rows" : newOffset < 0
                ? "last " + p.rows().size() + " rows"
                : String.format("rows %,d–%,d", newOffset + 1, newOffset + p.rows().size()));
        error.set("");
        updateCount();
    }

    private void failed(long gen, Throwable e, TableRef ref) {
        if (gen != generation) {
            return;
        }
        error.set(TaskOutcome.isCancellation(e)
                ? "query cancelled — the rows shown are from before; press F5 to load again"
                : BrowseCalls.message(e));
    }

    private void updateCount() {
        Page p = page.get();
        TableInfo info = table.get();
        if (p == null || info == null) {
            countLabel.set("");
            countAction.set("");
            return;
        }
        boolean filtered = !p.request().filter().isEmpty();
        // a page with nothing before or after it is the whole result: its size is the exact count
        long exact = exactCount >= 0 ? exactCount : !p.hasPrevious() && !p.hasNext() ? p.rows().size() : -1;
        CountLine line = countLine(filtered, info.estimatedRows(), exact, p.rows().size(), counts.isRunning());
        // an empty page says "no rows" already
        countLabel.set(!countNote.isEmpty() ? countNote : exact == 0 && p.rows().isEmpty() ? "" : line.label());
        countAction.set(line.action());
    }

    /** The count line and its action, from what is known. */
    record CountLine(String label, String action) {
    }

    static CountLine countLine(boolean filtered, long estimate, long exact, int shown, boolean counting) {
        String action = exact >= 0 ? "" : counting ? "Stop counting" : filtered ? "Count matching" : "Exact count";
        if (exact >= 0) {
            return new CountLine(filtered ? exact == 0 ? "no rows match" : exact == 1 ? "1 row matches"
                    : String.format("%,d rows match", exact) : exact == 1 ? "1 row" : String.format("%,d rows", exact),
                    action);
        }
        if (filtered) {
            return new CountLine(String.format("%,d shown", shown), action);
        }
        return new CountLine(estimate < 0 ? "row count unknown" : String.format("≈ %,d rows", estimate), action);
    }

    private static int indexOf(List<SortKey> keys, String column) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).column().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
