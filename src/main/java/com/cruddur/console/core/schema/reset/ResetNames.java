package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.Fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The names of the databases a Reset of database {@code db} works with: {@code db__reset_<random>} (the copy being
 * built), {@code db__old_<random>} (the previous database, after the swap, until it is dropped),
 * {@code db__tpl_<files>} (the seeded template), {@code db__spare_<files>} (a copy of the template kept ready for the
 * next Reset) and the {@code …new_<random>} names those two are built under. PostgreSQL cuts names to 63 bytes without
 * an error, so a long {@code db} is shortened to fit and a hash of the whole name keeps it apart from its neighbours.
 */
public final class ResetNames {
    /** NAMEDATALEN - 1: the longest database name PostgreSQL keeps whole. */
    static final int MAX_BYTES = 63;
    private static final int TOKEN = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What a name is for; {@link #leftover} kinds are never kept once the flow that made them has ended. {@link #what}
     * begins the mark (the database's comment) the console gives each database it makes, see {@link #mark}.
     */
    enum Kind {
        SCRATCH("reset", true, "new copy being built by a Reset"),
        OLD("old", true, "previous database set aside by a Reset"),
        TEMPLATE("tpl", false, "reset template"),
        TEMPLATE_BUILD("tplnew", true, "reset template being built"),
        SPARE("spare", false, "copy kept ready for the next Reset"),
        SPARE_BUILD("sparenew", true, "copy being made for the next Reset");

        final String tag;
        final boolean leftover;
        final String what;

        Kind(String tag, boolean leftover, String what) {
            this.tag = tag;
            this.leftover = leftover;
            this.what = what;
        }
    }

    private final String database;
    private final String base;

    public ResetNames(String database) {
        this.database = database;
        int longest = "__sparenew_".length() + TOKEN;
        if (bytes(database) + longest <= MAX_BYTES) {
            this.base = database;
        } else {
            String hash = Fingerprint.of(database).substring(0, 8);
            this.base = cut(database, MAX_BYTES - longest - 1 - hash.length()) + "_" + hash;
        }
    }

    String database() {
        return database;
    }

    String prefix(Kind kind) {
        return base + "__" + kind.tag + "_";
    }

    /** A new name of {@code kind} with a random token. */
    String fresh(Kind kind) {
        byte[] b = new byte[TOKEN / 2];
        RANDOM.nextBytes(b);
        return prefix(kind) + HexFormat.of().formatHex(b);
    }

    /** The template or spare name for the files with fingerprint {@code files}. */
    String forFiles(Kind kind, String files) {
        return prefix(kind) + files.substring(0, TOKEN);
    }

    /** What kind of Reset database {@code name} is for this database, if any. */
    Optional<Kind> kindOf(String name) {
        for (Kind k : Kind.values()) {
            String p = prefix(k);
            if (name.startsWith(p) && name.length() == p.length() + TOKEN) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The comment that marks a database of {@code kind} as made by the console for this database; more may follow
     * after a comma (when and from what it was built). A name alone never makes a database the console's: only the
     * owner can set a database's comment and a copy ({@code CREATE DATABASE … TEMPLATE}) does not inherit it.
     */
    String mark(Kind kind) {
        return "cruddur-console " + kind.what + " for database " + database;
    }

    /** The kind of {@code name} when it is a Reset database of this database that the console made and marked. */
    Optional<Kind> markedKind(String name, String comment) {
        Optional<Kind> kind = kindOf(name);
        if (kind.isEmpty() || comment == null) {
            return Optional.empty();
        }
        String mark = mark(kind.get());
        return comment.equals(mark) || comment.startsWith(mark + ", ") ? kind : Optional.empty();
    }

    /**
     * True when {@code name} is a Reset database the console made and marked for whichever database: its comment is a
     * mark ({@link #mark}) naming a database whose Reset names include {@code name}. A database's name may hold ", ",
     * so each place where the mark's details could begin is tried.
     */
    public static boolean consoleMade(String name, String comment) {
        if (name == null || comment == null) {
            return false;
        }
        for (Kind k : Kind.values()) {
            String head = "cruddur-console " + k.what + " for database ";
            if (!comment.startsWith(head)) {
                continue;
            }
            String rest = comment.substring(head.length());
            for (int end = rest.length(); end > 0; end = rest.lastIndexOf(", ", end - 1)) {
                if (new ResetNames(rest.substring(0, end)).markedKind(name, comment).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of {@code s} that fits in {@code max} bytes of UTF-8 without splitting a character. */
    private static String cut(String s, int max) {
        int end = 0;
        int used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + n > max) {
                break;
            }
            used += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
