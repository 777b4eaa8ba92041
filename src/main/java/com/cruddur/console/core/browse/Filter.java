package com.cruddur.console.core.browse;

import com.cruddur.console.core.sql.ExpertWhere;
import com.cruddur.console.core.sql.UserSqlRefusedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What rows to show: a quick search across text columns, per-column conditions, and an expert WHERE.
 * Immutable; the {@code with...} methods return a changed copy. Values are always bound, never pasted.
 */
public record Filter(String quickSearch, List<ColumnCondition> conditions, String expertWhere) {
    private static final Filter NONE = new Filter(null, List.of(), null);
    /** An E'' literal: it means one backslash whatever standard_conforming_strings says. */
    private static final String ESCAPE = " ESCAPE E'\\\\'";

    public Filter {
        conditions = List.copyOf(conditions);
        quickSearch = quickSearch == null || quickSearch.isEmpty() ? null : quickSearch;
        expertWhere = expertWhere == null || expertWhere.isBlank() ? null : expertWhere;
    }

    public static Filter none() {
        return NONE;
    }

    public Filter withQuickSearch(String text) {
        return new Filter(text, conditions, expertWhere);
    }

    public Filter with(ColumnCondition condition) {
        List<ColumnCondition> list = new ArrayList<>(conditions);
        list.add(Objects.requireNonNull(condition));
        return new Filter(quickSearch, list, expertWhere);
    }

    public Filter withExpertWhere(String sql) {
        return new Filter(quickSearch, conditions, sql);
    }

    /** True when the query must run in a read-only transaction because it contains user SQL. */
    public boolean needsReadOnly() {
        return expertWhere != null;
    }

    public boolean isEmpty() {
        return quickSearch == null && conditions.isEmpty() && expertWhere == null;
    }

    /** The WHERE body (without the keyword) for this table, empty when there is nothing to filter. */
    SqlText toSql(TableInfo table) {
        List<SqlText> parts = new ArrayList<>();
        if (quickSearch != null) {
            parts.add(quickSearchSql(table));
        }
        for (ColumnCondition c : conditions) {
            parts.add(conditionSql(table.requireColumn(c.column()), c));
        }
        String expert;
        try {
            expert = ExpertWhere.check(expertWhere);
        } catch (UserSqlRefusedException e) {
            throw new BrowseException(e.getMessage(), e);
        }
        if (expert != null) {
            // newline before ')' so a trailing -- comment cannot swallow it
            parts.add(new SqlText().append("(" + expert + "\n)"));
        }
        SqlText out = new SqlText();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? "" : " AND ").append(parts.get(i));
        }
        return out;
    }

    private SqlText quickSearchSql(TableInfo table) {
        List<ColumnInfo> cols = table.columns().stream().filter(c -> c.kind().searchable()).toList();
        SqlText sql = new SqlText();
        if (cols.isEmpty()) {
            return sql.append("FALSE");
        }
        String pattern = "%" + escapeLike(quickSearch) + "%";
        sql.append("(");
        for (int i = 0; i < cols.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(cols.get(i).sql() + "::text ILIKE ").param(pattern, null)
                    .append(ESCAPE);
        }
        return sql.append(")");
    }

    private static SqlText conditionSql(ColumnInfo col, ColumnCondition c) {
        SqlText sql = new SqlText().append(col.sql());
        return switch (c.op()) {
            case EQUALS -> sql.append(" = ").param(c.value(), col.castType());
            case NOT_EQUALS -> sql.append(" IS DISTINCT FROM ").param(c.value(), col.castType());
            case LESS -> sql.append(" < ").param(c.value(), col.castType());
            case LESS_OR_EQUAL -> sql.append(" <= ").param(c.value(), col.castType());
            case GREATER -> sql.append(" > ").param(c.value(), col.castType());
            case GREATER_OR_EQUAL -> sql.append(" >= ").param(c.value(), col.castType());
            case CONTAINS -> sql.append("::text ILIKE ").param("%" + escapeLike(c.value()) + "%", null).append(ESCAPE);
            case STARTS_WITH -> sql.append("::text ILIKE ").param(escapeLike(c.value()) + "%", null).append(ESCAPE);
            case IN -> inList(sql, col, c.values());
            case IS_NULL -> sql.append(" IS NULL");
            case IS_NOT_NULL -> sql.append(" IS NOT NULL");
        };
    }

    /** One bound parameter per value: {@code col IN (?::type, ?::type)}. */
    private static SqlText inList(SqlText sql, ColumnInfo col, List<String> values) {
        sql.append(" IN (");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ", ").param(values.get(i), col.castType());
        }
        return sql.append(")");
    }

    /** Makes %, _ and \ in a search term match themselves. */
    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
