package com.cruddur.console.core.schema.admin;

/**
 * One database on the server, as psql's {@code \l} lists it; size is null when we may not connect to it.
 * {@code internal} is true for a Reset database the console made and marked as its own (a template, the spare copy
 * kept ready, or a Reset's leftover): machinery the Schema tab does not list.
 */
public record DatabaseInfo(String name, String owner, String encoding, String collate, String ctype,
                           Long sizeBytes, String sizePretty, boolean template, boolean internal) {
}
