/**
 * The core of the Browse tab and of the {@code browse}, {@code export} and {@code db generate} commands.
 * Every service works on a {@link java.sql.Connection} the caller gets from {@code DbTarget.connect()}
 * and closes; none keeps state between calls, so one instance can serve the GUI and the CLI.
 *
 * <ul>
 *   <li>{@link com.cruddur.console.core.browse.TableCatalog}: table list (users, activities first) and
 *       {@link com.cruddur.console.core.browse.TableInfo} (columns, key, foreign keys, estimate).</li>
 *   <li>{@link com.cruddur.console.core.browse.PageQuery} with {@link com.cruddur.console.core.browse.PageRequest}
 *       and {@link com.cruddur.console.core.browse.Page}: keyset pages, first/next/previous/last.</li>
 *   <li>{@link com.cruddur.console.core.browse.Filter}: quick search, column conditions, expert WHERE (one
 *       statement by the driver's own splitter, see {@code OneStatement}; run in a read-only transaction).</li>
 *   <li>{@link com.cruddur.console.core.browse.RowCounter}, {@link com.cruddur.console.core.browse.RowFormats},
 *       {@link com.cruddur.console.core.browse.Exporter}, {@link com.cruddur.console.core.browse.RowNavigation},
 *       {@link com.cruddur.console.core.browse.ValueDisplay}, {@link com.cruddur.console.core.browse.DataGenerator}.</li>
 *   <li>{@link com.cruddur.console.core.browse.Cancellation}: pass one in, call {@code cancel()} from any thread (Esc).</li>
 * </ul>
 * Failures are {@link com.cruddur.console.core.browse.BrowseException}s whose message says what happened and
 * what to do; a cancelled operation throws {@link com.cruddur.console.core.browse.BrowseCancelledException}.
 */
package com.cruddur.console.core.browse;
