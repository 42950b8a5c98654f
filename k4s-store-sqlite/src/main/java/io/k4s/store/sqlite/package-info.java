/**
 * The embedded durable store: resources in an SQLite database in a data folder.
 *
 * <p>Start with {@link io.k4s.store.sqlite.SqliteBackend} (the {@link io.k4s.core.store.StorageBackend})
 * and {@link io.k4s.store.sqlite.SqliteProvider} (how {@code --data-dir} finds it); then the
 * package-private parts: {@code Committer} (group commit), {@code KineTable} (the SQL of kine's
 * layout), {@code EventLog} (watches), {@code DataDir} (lock file and format marker),
 * {@code Database} (connections and what errors mean) and {@code RowCodec}.
 */
package io.k4s.store.sqlite;
