package com.cruddur.console.core.browse;

import com.cruddur.console.core.db.Sql;

/**
 * One column of a table or view.
 *
 * @param typeName  the type as PostgreSQL writes it, with modifiers (e.g. {@code character varying(20)})
 * @param castType  the type without modifiers, used for {@code ?::type} casts of bound text values
 * @param udtName   pg_type.typname of the base type (e.g. {@code int4}, {@code _text} for arrays)
 */
public record ColumnInfo(String name, String typeName, String castType, String udtName, boolean nullable,
                         boolean primaryKey, String comment, ColumnKind kind) {

    /** The quoted column name for SQL text. */
    public String sql() {
        return Sql.quoteIdent(name);
    }
}
