package com.cruddur.console.core.schema.reset;

import com.cruddur.console.core.schema.SchemaService;

/**
 * One database a Reset keeps or left behind, for {@code db templates} and the Schema tab.
 *
 * @param name      the database's name, e.g. {@code cruddur__tpl_3f2a…}
 * @param forDatabase the database it is a template, spare or leftover of
 * @param kind      "template", "spare" (a copy of the template kept ready) or "leftover" (of a Reset that was
 *                  stopped; the next Reset drops it)
 * @param current   true for the template and spare of the files as they are now
 * @param sizeBytes its size, null when not readable
 * @param comment   what it was built from and when
 */
public record TemplateInfo(String name, String forDatabase, String kind, boolean current, Long sizeBytes,
                           String comment) {
    public String sizePretty() {
        return sizeBytes == null ? "" : SchemaService.prettySize(sizeBytes);
    }
}
