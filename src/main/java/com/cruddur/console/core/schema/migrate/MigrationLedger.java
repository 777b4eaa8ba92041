package com.cruddur.console.core.schema.migrate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lines up the files of a folder with the versions a database has applied: the states of {@link MigrationStatus}. */
final class MigrationLedger {
    private MigrationLedger() {
    }

    static MigrationReport report(MigrationFolder folder, String database, boolean tableExists, List<MigrationFile> files,
                                  List<String> applied, Map<String, MigrationTable.Recorded> checksums) {
        Set<String> appliedSet = new HashSet<>(applied);
        int newestApplied = -1;
        for (int k = 0; k < files.size(); k++) {
            if (appliedSet.contains(files.get(k).version())) {
                newestApplied = k;
            }
        }
        List<Row> rows = new ArrayList<>();
        Set<String> withFile = new HashSet<>();
        for (int k = 0; k < files.size(); k++) {
            MigrationFile f = files.get(k);
            withFile.add(f.version());
            String problem = f.problem().orElse(null);
            if (appliedSet.contains(f.version())) {
                MigrationTable.Recorded r = checksums.get(f.version());
                MigrationState state = r != null && !r.sha256().equals(f.sha256()) ? MigrationState.CHANGED
                        : MigrationState.APPLIED;
                rows.add(new Row(f.fileName(), new MigrationStatus(f.version(), f.fileName(), state, false,
                        r == null ? null : r.appliedAt(), r != null, problem)));
            } else {
                rows.add(new Row(f.fileName(), new MigrationStatus(f.version(), f.fileName(), MigrationState.PENDING,
                        k < newestApplied, null, false, problem)));
            }
        }
        for (String version : applied) {
            if (!withFile.contains(version)) {
                MigrationTable.Recorded r = checksums.get(version);
                rows.add(new Row(version, new MigrationStatus(version, null, MigrationState.MISSING_FILE, false,
                        r == null ? null : r.appliedAt(), r != null, null)));
            }
        }
        // dbmate's order is the byte order of file names; a version without a file sorts by the version itself
        rows.sort(Comparator.comparing(Row::key, (a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));
        return new MigrationReport(folder.dir(), folder.exists(), database, tableExists,
                rows.stream().map(Row::status).toList());
    }

    private record Row(String key, MigrationStatus status) {
    }
}
