package com.cruddur.console.ui.schema;

import com.cruddur.console.core.schema.migrate.MigrationStatus;

/**
 * One line of the Schema tab's migrations list: a version with its state on the dev side and on the prod side.
 *
 * @param version  the version (the leading digits of the file name)
 * @param fileName the file, null when neither side's folder has it (a version applied with no file)
 * @param dev      its state on the dev side's database
 * @param prod     its state on the prod side's database
 */
public record MigrationRow(String version, String fileName, Cell dev, Cell prod) {
    /**
     * One side's state: the short text the column shows, its style class, and the whole story for the tooltip.
     *
     * @param styleClass migration-applied, -pending, -changed, -missing-file, -out-of-order, -unusable, -none
     */
    public record Cell(String text, String styleClass, String detail) {
        /** A side that has no profile, or whose status could not be read. */
        static final Cell NONE = new Cell("", "migration-none", "");
        /** A version the other side has applied without a file, and this side has not applied. */
        static final Cell ABSENT = new Cell("—", "migration-none", "not applied here, and no file");

        static Cell of(MigrationStatus s) {
            String text = s.state().label();
            String style = "migration-" + s.state().name().toLowerCase().replace('_', '-');
            if (s.outOfOrder()) {
                text += " · out of order";
                style = "migration-out-of-order";
            }
            if (s.problem() != null) {
                text += " · unusable";
                style = "migration-unusable";
            }
            String detail = s.describe() + (s.outOfOrder() ? "; Migrate applies it, with a warning" : "")
                    + (s.appliedAt() == null ? "" : "; applied " + s.appliedAt().withNano(0));
            return new Cell(text, style, detail);
        }
    }

    /** What the list shows in its first column: the file name, or the version when there is no file. */
    public String name() {
        return fileName != null ? fileName : version + " (no file)";
    }
}
