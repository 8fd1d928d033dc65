package dev.keypair.store.jdbc;

import dev.keypair.core.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the databases a {@link JdbcKeyPairStore} can use: the DDL, how a write transaction takes
 * its lock, where the schema version lives, how errors are classified, what integrity check runs at open. The
 * store's queries themselves are plain SQL every dialect accepts; keys that must compare by UTF-16 code unit are
 * BLOBs ({@link Encodings#sortKey}), so no collation is needed.
 *
 * <p>SQLite ({@link SqliteDialect}) is the only dialect so far; a server database (PostgreSQL, say) would add one
 * with {@code BEGIN ISOLATION LEVEL SERIALIZABLE} or a lock row, {@code bytea} keys and a meta table.
 */
interface Dialect {

  /** A short name for messages: {@code SQLite}. */
  String name();

  /** The statements that create the schema of {@link JdbcKeyPairStore#SCHEMA_VERSION} in an empty database. */
  List<String> createSchema();

  /**
   * The statement that starts a write transaction holding the database's write lock from its start, so that a
   * conditional write's checks and its change are one atomic step across connections and processes.
   */
  String beginWrite();

  /**
   * The schema version the database holds: {@code 0} for a database with nothing in it, {@code -1} for one that
   * holds something other than a keypair store.
   */
  int readSchemaVersion(Connection c) throws SQLException;

  /** Records {@code version} as the database's schema version (inside the transaction that creates the schema). */
  void writeSchemaVersion(Connection c, int version) throws SQLException;

  /**
   * Checks the database's structure cheaply at open.
   *
   * @return {@code null} if it is sound, else a one-line description of the first damage found
   */
  String checkIntegrity(Connection c) throws SQLException;

  /**
   * Sets up a connection to a database known to hold a keypair store (or about to: the empty database a new store
   * is created in); nothing is changed in a database before it is known to be a store (SQLite: the journal mode).
   */
  void configure(Connection c) throws SQLException;

  /** Called once before the connection is closed (SQLite moves the write-ahead log into the main file). */
  void beforeClose(Connection c) throws SQLException;

  /** {@code Store.Corrupt} or {@code Store.Unavailable} for a failure of this database. */
  ErrorCode classify(SQLException e);

  /** The failure in a few words, one line, never the driver's whole message: {@code SQLITE_BUSY}. */
  String describe(SQLException e);
}
