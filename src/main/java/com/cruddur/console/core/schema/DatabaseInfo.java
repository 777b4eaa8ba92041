package com.cruddur.console.core.schema;

/** One database on the server, as psql's {@code \l} lists it; size is null when we may not connect to it. */
public record DatabaseInfo(String name, String owner, String encoding, String collate, String ctype,
                           Long sizeBytes, String sizePretty, boolean template) {
}
