package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.StepListener;
import com.cruddur.console.core.schema.admin.DatabaseAdmin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The databases a Reset keeps for one database: the seeded template named after the fingerprint of its files, and a
 * spare copy of it kept ready so that the next Reset only has to rename. Both refuse connections
 * ({@code ALLOW_CONNECTIONS false}), so nobody changes them by accident and a copy is never refused for a session on
 * them; they are not marked {@code IS_TEMPLATE}, which would let every role with CREATEDB copy the seeded data (the
 * owner may copy its own database without it). Only the current user's are used, listed or removed.
 */
public final class ResetTemplates {
    private final ResetNames names;

    public ResetTemplates(ResetNames names) {
        this.names = names;
    }

    /**
     * {@code name} when it exists, complete (it gets its name only when complete), owned by the current user and
     * marked as the console's ({@link ResetNames#mark}).
     */
    Optional<String> ready(Connection c, ResetNames.Kind kind, String files) throws SQLException {
        String name = names.forFiles(kind, files);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.shobj_description(d.oid, 'pg_database')"
                + " FROM pg_catalog.pg_database d WHERE d.datname = ?"
                + " AND d.datdba = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && names.markedKind(name, rs.getString(1)).filter(k -> k == kind).isPresent()
                        ? Optional.of(name) : Optional.empty();
            }
        }
    }

    /**
     * The current user's Reset databases for this database that the console marked as its own, with what each is and
     * (for templates) if it is current. A database with such a name but without the mark is someone else's: not listed.
     */
    public List<TemplateInfo> list(Connection c, String currentFiles) throws SQLException {
        String sql = "SELECT d.datname, CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')"
                + " THEN pg_catalog.pg_database_size(d.datname) END, pg_catalog.shobj_description(d.oid, 'pg_database')"
                + " FROM pg_catalog.pg_database d"
                + " WHERE d.datdba = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user) ORDER BY 1";
        List<TemplateInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                String comment = rs.getString(3);
                Optional<ResetNames.Kind> kind = names.markedKind(name, comment);
                if (kind.isEmpty()) {
                    continue;
                }
                long size = rs.getLong(2);
                Long bytes = rs.wasNull() ? null : size;
                boolean current = currentFiles != null && !kind.get().leftover
                        && name.equals(names.forFiles(kind.get(), currentFiles));
                out.add(new TemplateInfo(name, names.database(), kindLabel(kind.get()), current, bytes, comment));
            }
        }
        return out;
    }

    /**
     * Drops what is not worth keeping: every leftover (a copy being built, an old database after a swap: under the
     * Reset's lock none of them belongs to a running Reset) and, when {@code keepFiles} is given, every template or
     * spare of other files ({@code keepFiles} null drops those too). Returns what could not be dropped, with why.
     */
    public List<String> prune(Connection c, String keepFiles, boolean templatesToo, StepListener log) throws SQLException {
        List<String> kept = new ArrayList<>();
        for (TemplateInfo t : pruneable(c, keepFiles, templatesToo)) {
            try {
                DatabaseAdmin.dropNamed(c, t.name());
                log.log("dropped " + t.name() + " (" + t.kind() + ")");
            } catch (SQLException e) {
                kept.add(t.name() + " (" + e.getMessage() + ")");
            }
        }
        return kept;
    }

    /** What {@link #prune} drops, without dropping it. */
    List<TemplateInfo> pruneable(Connection c, String keepFiles, boolean templatesToo) throws SQLException {
        List<TemplateInfo> out = new ArrayList<>();
        for (TemplateInfo t : list(c, keepFiles)) {
            if (t.kind().equals("leftover") || (templatesToo && !t.current())) {
                out.add(t);
            }
        }
        return out;
    }

    /** The mark of a template or spare built at {@code when} from {@code files}, which the templates list shows. */
    String comment(ResetNames.Kind kind, String files, Instant when) {
        return names.mark(kind) + ", built " + when + " from " + files;
    }

    private static String kindLabel(ResetNames.Kind kind) {
        return switch (kind) {
            case TEMPLATE -> "template";
            case SPARE -> "spare";
            default -> "leftover";
        };
    }
}
