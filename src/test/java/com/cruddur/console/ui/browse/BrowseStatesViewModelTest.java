package com.cruddur.console.ui.browse;

import com.cruddur.console.core.CoreServices;
import com.cruddur.console.core.browse.BrowseService;
import com.cruddur.console.core.browse.ColumnCondition;
import com.cruddur.console.core.browse.Exporter;
import com.cruddur.console.core.browse.TableRef;
import com.cruddur.console.core.profile.ConnectionProfile;
import com.cruddur.console.core.profile.Environment;
import com.cruddur.console.core.profile.PasswordSource;
import com.cruddur.console.core.profile.SslMode;
import com.cruddur.console.testsupport.AnsweringDialogs;
import com.cruddur.console.testsupport.DirectTaskRunner;
import com.cruddur.console.testsupport.GuiTestSupport;
import com.cruddur.console.testsupport.TestPostgres;
import com.cruddur.console.ui.common.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.cruddur.console.testsupport.TestPostgres.exec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Browse view models' states without the toolkit, over the embedded PostgreSQL with the Cruddur seed: the
 * column menu, filter chips, counts, notifications and empty states.
 */
class BrowseStatesViewModelTest {
    @TempDir
    Path home;
    CoreServices core;
    final AnsweringDialogs dialogs = new AnsweringDialogs();
    final DirectTaskRunner tasks = new DirectTaskRunner();
    final List<Path> opened = new ArrayList<>();
    IOException openFails;
    Session session;
    BrowseViewModel vm;
    String db;

    @BeforeEach
    void setUp() throws Exception {
        core = GuiTestSupport.core(home);
        session = new Session(core, tasks);
        vm = new BrowseViewModel(new BrowseService(), session, tasks, dialogs, folder -> {
            if (openFails != null) {
                throw openFails;
            }
            opened.add(folder);
        });
        db = BrowseGuiFixture.seededDatabase("vm_states", 50);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private ConnectionProfile activate(String database) {
        ConnectionProfile p = ConnectionProfile.builder("dev-" + database).environment(Environment.DEV)
                .host("localhost").port(TestPostgres.port()).database(database).user("postgres")
                .passwordSource(PasswordSource.NONE).sslMode(SslMode.DISABLE).build();
        core.profiles().store().add(p);
        session.activate(p);
        return p;
    }

    private void open(String table) {
        vm.tables().selectedProperty().set(vm.tables().find(new TableRef("public", table)));
    }

    @Test
    void theColumnMenuBelongsToTheTableShownAndF5NeverRepeatsAStaleColumn() {
        activate(db);
        open("activities");
        assertThat(vm.grid().rows()).hasSize(3);
        vm.filter().conditionColumnProperty().set("replies_count"); // chosen in the column menu

        open("users");
        assertThat(vm.grid().rows()).hasSize(52);
        assertThat(vm.filter().columnNames()).doesNotContain("replies_count");
        assertThat(vm.filter().conditionColumnProperty().get()).as("the column chosen for activities")
                .isNotEqualTo("replies_count");

        // a column the table does not have is refused before any query, and F5 then shows the rows without error
        vm.filter().conditionColumnProperty().set("replies_count");
        vm.filter().conditionValueProperty().set("1");
        vm.addCondition();
        assertThat(vm.grid().errorProperty().get()).contains("replies_count").contains("users");
        assertThat(vm.filter().conditions()).isEmpty();
        vm.refresh();
        assertThat(vm.grid().errorProperty().get()).isEmpty();
        assertThat(vm.grid().rows()).hasSize(52);
    }

    private void addCondition(String column, ColumnCondition.Op op, String value) {
        vm.filter().conditionColumnProperty().set(column);
        vm.filter().conditionOpProperty().set(op);
        vm.filter().conditionValueProperty().set(value);
        vm.addCondition();
    }

    private List<String> chips() {
        return vm.filter().conditions().stream().map(FilterViewModel::chipText).toList();
    }

    @Test
    void conditionsAreChipsThatCanBeRemovedAndEveryOperatorIsOffered() {
        activate(db);
        open("activities");
        addCondition("likes_count", ColumnCondition.Op.GREATER, "5");
        assertThat(chips()).containsExactly("likes_count > 5");
        addCondition("likes_count", ColumnCondition.Op.LESS_OR_EQUAL, "0");
        addCondition("message", ColumnCondition.Op.STARTS_WITH, "cloud is");
        assertThat(chips()).containsExactly("likes_count > 5", "likes_count ≤ 0", "message starts with 'cloud is'");
        assertThat(vm.grid().rows()).isEmpty(); // > 5 and ≤ 0

        vm.removeCondition(vm.filter().conditions().get(0));
        assertThat(chips()).containsExactly("likes_count ≤ 0", "message starts with 'cloud is'");
        assertThat(vm.grid().rows()).hasSize(1);
        assertThat(vm.grid().rows().get(0).values()[2]).isEqualTo("Cloud is fun; databases are more fun.");

        open("users");
        assertThat(chips()).as("chips belong to the table they filtered").isEmpty();
        vm.filter().conditionOpProperty().set(ColumnCondition.Op.IN);
        assertThat(vm.filter().valuePromptProperty().get()).isEqualTo("1, 2, 3");
        addCondition("handle", ColumnCondition.Op.IN, "user0001, bayko, \"o'brien, or not\"");
        assertThat(chips()).containsExactly("handle in (user0001, bayko, 'o'brien, or not')");
        assertThat(vm.grid().rows()).hasSize(2);
        addCondition("email", ColumnCondition.Op.IS_NOT_NULL, "ignored");
        assertThat(chips()).element(1).isEqualTo("email is not null");
        assertThat(vm.filter().conditions().get(1).value()).isNull();

        // a malformed list is refused with the reason: no chip, the rows stay
        addCondition("handle", ColumnCondition.Op.IN, "a,,b");
        assertThat(vm.grid().errorProperty().get()).contains("empty value");
        assertThat(chips()).hasSize(2);
        assertThat(vm.grid().rows()).hasSize(2);
        // a long value is shortened on its chip, whole in its tooltip and in the query
        vm.clearFilter();
        String longText = "x".repeat(60);
        addCondition("display_name", ColumnCondition.Op.CONTAINS, longText);
        assertThat(chips().get(0)).isEqualTo("display_name contains " + "x".repeat(FilterViewModel.CHIP_VALUE_CHARS - 1) + "…");
        assertThat(FilterViewModel.chipTooltip(vm.filter().conditions().get(0))).contains(longText);
    }

    @Test
    void countsTellTheTruthWithAndWithoutAFilter() {
        activate(db);
        open("users");
        GridViewModel g = vm.grid();
        // the whole table on one page: its size is the count
        assertThat(g.countLabelProperty().get()).isEqualTo("52 rows");
        assertThat(g.countActionProperty().get()).isEmpty();

        g.pageSizeProperty().set(50);
        assertThat(g.countLabelProperty().get()).isEqualTo("≈ 52 rows");
        assertThat(g.countActionProperty().get()).isEqualTo("Exact count");
        g.countAction();
        assertThat(g.countLabelProperty().get()).isEqualTo("52 rows");
        assertThat(g.countActionProperty().get()).isEmpty();

        addCondition("created_at", ColumnCondition.Op.IS_NOT_NULL, null);
        assertThat(g.countLabelProperty().get()).as("no estimate for a filter").isEqualTo("50 shown");
        assertThat(g.countActionProperty().get()).isEqualTo("Count matching");
        tasks.holdTasks();
        g.countAction();
        assertThat(g.countLabelProperty().get()).isEqualTo("counting…");
        assertThat(g.countActionProperty().get()).isEqualTo("Stop counting");
        DirectTaskRunner.Held<?> count = tasks.held("Counting rows of public.users");
        g.countAction(); // Stop counting
        assertThat(count.cancelRequested()).isTrue();
        count.reportCancelled();
        assertThat(g.countLabelProperty().get()).isEqualTo("count cancelled");
        assertThat(g.countActionProperty().get()).isEqualTo("Count matching");
        tasks.runTasksAtOnce();
        g.countAction();
        assertThat(g.countLabelProperty().get()).isEqualTo("52 rows match");
        g.next();
        assertThat(g.countLabelProperty().get()).as("the exact count stays while paging").isEqualTo("52 rows match");

        addCondition("handle", ColumnCondition.Op.EQUALS, "bayko");
        assertThat(g.countLabelProperty().get()).isEqualTo("1 row matches");
        vm.clearFilter();
        assertThat(g.countLabelProperty().get()).isEqualTo("≈ 52 rows");
        assertThat(GridViewModel.countLine(false, -1, -1, 10, false).label()).isEqualTo("row count unknown");
        assertThat(GridViewModel.countLine(false, 200_003, -1, 200, false).label()).isEqualTo("≈ 200,003 rows");
        assertThat(GridViewModel.countLine(true, 200_003, -1, 200, false).label()).isEqualTo("200 shown");
    }

    @Test
    void copiesAndExportsSayWhatTheyDidAndMessagesGoWithTheirTable() throws Exception {
        activate(db);
        open("users");
        String json = vm.copy(BrowseViewModel.CopyFormat.JSON, vm.grid().rows().subList(0, 3));
        assertThat(json).startsWith("[{");
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Copied 3 rows as JSON");
        vm.copy(BrowseViewModel.CopyFormat.INSERT, vm.grid().rows().subList(0, 1));
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Copied 1 row as SQL INSERT statements");
        tasks.advance(BrowseViewModel.SHORT_NOTICE);
        assertThat(vm.noticeProperty().get()).as("a copy's notice goes after a few seconds").isNull();

        // the copies hold whole UUIDs whatever the grid shows
        assertThat(vm.grid().compactUuidsProperty().get()).isTrue();
        String uuid = vm.grid().rows().get(0).values()[0].toString();
        assertThat(vm.copy(BrowseViewModel.CopyFormat.CSV, vm.grid().rows().subList(0, 1))).contains(uuid);

        Path out = Files.createDirectories(home.resolve("exports")).resolve("users.csv");
        vm.export().export(out, Exporter.Format.CSV);
        BrowseNotice exported = vm.noticeProperty().get();
        assertThat(exported.text()).isEqualTo("Exported 52 rows of public.users to " + out);
        assertThat(exported.folder()).isEqualTo(out.getParent());
        tasks.advance(Duration.ofMinutes(5));
        assertThat(vm.noticeProperty().get()).as("an export's notice stays until dismissed").isSameAs(exported);
        vm.showInFolder();
        assertThat(opened).containsExactly(out.getParent());

        openFails = new IOException("xdg-open failed (exit code 3)");
        vm.showInFolder();
        assertThat(vm.noticeProperty().get().error()).isTrue();
        assertThat(vm.noticeProperty().get().text()).isEqualTo("Could not open the folder " + out.getParent()
                + ": xdg-open failed (exit code 3) — open it in your file manager");
        assertThat(dialogs.errors).isEmpty();

        vm.filter().whereProperty().set("no_such_column = 1");
        vm.applyFilter();
        assertThat(vm.grid().errorProperty().get()).isNotEmpty();
        vm.copy(BrowseViewModel.CopyFormat.JSON, vm.grid().rows().subList(0, 1));
        open("activities");
        assertThat(vm.noticeProperty().get()).isNull();
        assertThat(vm.grid().errorProperty().get()).isEmpty();
        assertThat(vm.export().progressProperty().get()).isEmpty();
    }

    @Test
    void emptyStatesLeadSomewhere() throws Exception {
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NO_PROFILE);
        List<String> asked = new ArrayList<>();
        vm.setOnOpenSchema(() -> asked.add("schema"));

        String empty = TestPostgres.freshDatabase("vm_empty");
        activate(empty);
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NO_TABLES);
        vm.openSchemaForReset();
        assertThat(asked).containsExactly("schema");

        // meanwhile the Schema tab made tables: shown again, the tab lists them
        exec(empty, "CREATE TABLE public.users (id int PRIMARY KEY); CREATE TABLE public.activities (id int PRIMARY KEY); "
                + "CREATE TABLE public.notes (id int PRIMARY KEY)");
        vm.tabShown();
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.CHOOSE_TABLE);
        assertThat(vm.tables().cruddurTables()).extracting(t -> t.ref().name()).containsExactly("users", "activities");
        vm.openTable(vm.tables().cruddurTables().get(1));
        assertThat(vm.grid().tableProperty().get().ref().name()).isEqualTo("activities");
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NO_ROWS);

        activate(db);
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.CHOOSE_TABLE);
        open("users");
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NONE);
        addCondition("handle", ColumnCondition.Op.EQUALS, "nobody");
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NO_MATCHING_ROWS);
        vm.clearFilter();
        assertThat(vm.emptyStateProperty().get()).isEqualTo(BrowseViewModel.EmptyState.NONE);
    }
}
