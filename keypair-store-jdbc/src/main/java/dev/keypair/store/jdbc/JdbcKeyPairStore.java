package dev.keypair.store.jdbc;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@link KeyPairStore} over JDBC: SQLite by default, one file under {@code $KEYPAIR_HOME}, safe for several
 * processes at once; a {@code Dialect} keeps what is database-specific, so a server database can follow.
 *
 * <p><b>Schema</b> (version {@value #SCHEMA_VERSION}; SQLite keeps it in {@code PRAGMA user_version}, with
 * {@code PRAGMA application_id} {@code 'KPRS'} marking the file as a keypair store):
 * <pre>
 * key_pairs (provider TEXT, region TEXT, id TEXT, name TEXT,
 *            name_key BLOB,            -- UTF-16 code units, big-endian: byte order = String.compareTo order
 *            type TEXT, bits INTEGER, fingerprint TEXT, fingerprint_key TEXT, origin TEXT,
 *            created INTEGER,          -- epoch milliseconds
 *            tags TEXT,                -- one JSON object of strings, escaped so any strings round-trip
 *            public_key TEXT, public_key_key TEXT NULL,
 *            row_check INTEGER,        -- CRC-32C of the row's values (Encodings.rowCheck), from version 2
 *            UNIQUE (provider, region, id), UNIQUE (provider, region, name_key),
 *            UNIQUE (provider, region, public_key_key))
 *   INDEX key_pairs_by_fingerprint (provider, region, fingerprint_key, name_key) -- lookup already in order
 * instances (provider TEXT, region TEXT, id TEXT, os TEXT, state TEXT,
 *            key_pair_id TEXT NULL, key_pair_name TEXT NULL, pending_public_key TEXT NULL,
 *            served_public_key TEXT NULL, restart_pending INTEGER (0 or 1), version INTEGER,
 *            row_check INTEGER,        -- as above
 *            UNIQUE (provider, region, id))
 *   INDEX instances_by_key_pair (provider, region, key_pair_id)
 * </pre>
 * Every column not marked NULL is NOT NULL; SQLite tables are {@code STRICT}. A row is one key pair or one
 * instance whole (tags included), so no read ever sees part of one. Listing orders by {@code name_key}, whose BLOB
 * order is {@link String#compareTo} order (SQLite's default collation on TEXT compares UTF-8, which orders
 * supplementary characters differently); instances are sorted by id in Java. Text columns hold well-formed
 * Unicode (the registry refuses lone surrogates in names; ids, keys and fingerprints are ASCII). Every read checks
 * each row against its {@code row_check}, so a damaged value fails with {@code Store.Corrupt} instead of reading
 * as another value. Opening a store of version 1 (without row checks) adds them, in one transaction.
 *
 * <p><b>Atomicity.</b> Each write is one transaction that takes the database's write lock before its first read
 * ({@code BEGIN IMMEDIATE} on SQLite), so the checks of a conditional write (uniqueness, quota, bound instances,
 * the instance version) and its change are one step across threads and processes. A write that returns has
 * committed (SQLite: write-ahead log synced, {@code synchronous=FULL}); a method that throws has rolled back and
 * changed nothing. Reads are single statements, each a consistent snapshot.
 *
 * <p><b>Threads.</b> A store holds one connection and runs one call at a time under a lock: calls from several
 * threads are safe and serialized. Other processes wait for the write lock up to the busy timeout (10 s), then the
 * call fails with {@code Store.Unavailable}.
 *
 * <p><b>Failures</b> are {@link KeyPairException}s: {@code Store.Corrupt} for a file that is damaged or not a
 * keypair store (reported at open, where an integrity check runs, or by the call that meets the damage),
 * {@code Store.UnsupportedVersion} for a store written by a newer schema, {@code Store.Unavailable} for I/O
 * errors, a full disk, a lock held too long, or a closed store.
 */
public final class JdbcKeyPairStore implements KeyPairStore {

  /** The schema version this code writes and reads (and the one before it, which opening upgrades). */
  static final int SCHEMA_VERSION = 2;

  /** How long a call waits for another process's write lock. */
  static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

  private static final String KEY_PAIR_COLUMNS = "id, name, name_key, type, bits, fingerprint, fingerprint_key,"
      + " origin, created, tags, public_key, public_key_key, row_check";
  private static final String INSTANCE_COLUMNS = "id, os, state, key_pair_id, key_pair_name, pending_public_key,"
      + " served_public_key, restart_pending, version, row_check";
  private static final String IN_SCOPE = " WHERE provider = ?1 AND region = ?2"; // then ? is ?3, ?4
  /** The lookup by fingerprint key (?3); a test checks that SQLite plans it as a search of its index. */
  static final String BY_FINGERPRINT_KEY = "SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE
      + " AND fingerprint_key = ? ORDER BY name_key";

  private final Dialect dialect;
  private final Connection connection;
  private final String location;
  private final Object lock = new Object();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private boolean closed;

  private JdbcKeyPairStore(Dialect dialect, Connection connection, String location) {
    this.dialect = dialect;
    this.connection = connection;
    this.location = location;
  }

  /**
   * Opens the store at {@code location}: a {@code jdbc:sqlite:} URL naming a file, or a file path (the SQLite
   * store in that file, created with its parent folders if missing).
   *
   * @throws KeyPairException {@code Store.Unavailable} for another JDBC URL (only SQLite has a dialect so far) or
   *                          a store that cannot be opened, {@code Store.Corrupt}, {@code Store.UnsupportedVersion}
   */
  public static JdbcKeyPairStore open(String location) {
    Objects.requireNonNull(location, "location");
    String path = location;
    if (location.regionMatches(true, 0, "jdbc:", 0, 5)) {
      if (!location.regionMatches(true, 0, "jdbc:sqlite:", 0, 12)) {
        int end = location.indexOf(':', 5);
        String sub = location.substring(5, end < 0 ? location.length() : end);
        throw new KeyPairException(StoreErrors.UNAVAILABLE, "no store dialect for JDBC subprotocol '"
            + (sub.length() > 32 ? sub.substring(0, 32) + "..." : sub) + "': only SQLite (jdbc:sqlite:<file>) has a"
            + " dialect so far");
      }
      path = location.substring(12);
      if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:") || path.indexOf('?') >= 0) {
        throw new KeyPairException(StoreErrors.UNAVAILABLE,
            "a jdbc:sqlite: store location must be a plain file path (no :memory:, file: URI or parameters)");
      }
    }
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      throw new KeyPairException(StoreErrors.UNAVAILABLE, "the store location is not a valid file path", e);
    }
    return openSqlite(file);
  }

  /**
   * Opens the SQLite store in this file, creating it (mode {@code 0600}, missing parent folders {@code 0700}) if
   * it does not exist.
   *
   * @throws KeyPairException {@code Store.Corrupt}, {@code Store.UnsupportedVersion} or {@code Store.Unavailable}
   */
  public static JdbcKeyPairStore openSqlite(Path file) {
    return openSqlite(file, DEFAULT_BUSY_TIMEOUT);
  }

  /** {@link #openSqlite(Path)} with another busy timeout (tests use a short one). */
  static JdbcKeyPairStore openSqlite(Path file, Duration busyTimeout) {
    return openSqlite(file, busyTimeout, UnaryOperator.identity());
  }

  /** {@link #openSqlite(Path, Duration)} with the SQLite dialect as {@code wrap} makes it (tests inject faults). */
  static JdbcKeyPairStore openSqlite(Path file, Duration busyTimeout, UnaryOperator<Dialect> wrap) {
    Objects.requireNonNull(file, "file");
    long millis = Math.max(0, Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    SqliteDialect sqlite = new SqliteDialect((int) millis);
    Connection c = sqlite.open(file);
    Dialect dialect = wrap.apply(sqlite);
    JdbcKeyPairStore store = new JdbcKeyPairStore(dialect, c, file.toAbsolutePath().normalize().toString());
    try {
      store.checkSchema();
    } catch (RuntimeException e) {
      SqliteDialect.closeQuietly(c);
      throw e;
    }
    return store;
  }

  /** {@code $KEYPAIR_HOME/registry.db}, else {@code ~/.keypair/registry.db}. */
  public static Path defaultPath() {
    String home = System.getenv("KEYPAIR_HOME");
    Path dir = home != null && !home.isEmpty() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".keypair");
    return dir.resolve("registry.db");
  }

  /** Creates the schema in the empty database behind {@code c}, in one transaction. */
  static void initialize(Connection c, Dialect dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(dialect.beginWrite());
      boolean done = false;
      try {
        if (dialect.readSchemaVersion(c) != 0) {
          throw new SQLException("the database to initialize is not empty");
        }
        for (String ddl : dialect.createSchema()) {
          s.execute(ddl);
        }
        dialect.writeSchemaVersion(c, SCHEMA_VERSION);
        s.execute("COMMIT");
        done = true;
      } finally {
        if (!done) {
          s.execute("ROLLBACK");
        }
      }
    }
  }

  private void checkSchema() {
    synchronized (lock) {
      try {
        int version = dialect.readSchemaVersion(connection);
        if (version > SCHEMA_VERSION) {
          throw new KeyPairException(StoreErrors.UNSUPPORTED_VERSION, "the store " + location + " has schema version "
              + version + "; this keypair reads version " + SCHEMA_VERSION + " (a newer keypair wrote it)");
        }
        if (version != SCHEMA_VERSION && version != 1) {
          throw new KeyPairException(StoreErrors.CORRUPT, "the file " + location + " is not a keypair store"
              + (version == 0 ? " (it is empty)" : version > 0 ? " (unknown schema version " + version + ")" : ""));
        }
        String damage = dialect.checkIntegrity(connection);
        if (damage != null) {
          throw new KeyPairException(StoreErrors.CORRUPT, "the store " + location + " is damaged: " + damage);
        }
        dialect.configure(connection);
        if (version == 1) {
          addRowChecks();
        }
      } catch (SQLException e) {
        throw failure("open", e);
      }
    }
  }

  /**
   * Upgrades a store of version 1 to version 2: adds the {@code row_check} columns and fills them, in one
   * transaction that first reads the version again (another process may have upgraded the store meanwhile).
   */
  private void addRowChecks() {
    write("upgrade the schema", () -> {
      if (dialect.readSchemaVersion(connection) != 1) {
        return null;
      }
      execute("ALTER TABLE key_pairs ADD COLUMN row_check INTEGER NOT NULL DEFAULT 0");
      execute("ALTER TABLE instances ADD COLUMN row_check INTEGER NOT NULL DEFAULT 0");
      List<Scope> scopes = new ArrayList<>();
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT provider, region FROM key_pairs UNION SELECT provider, region FROM instances")) {
        while (rs.next()) {
          if (!Scope.isId(rs.getString(1)) || !Scope.isId(rs.getString(2))) {
            throw new Encodings.Malformed("a row has a bad provider or region");
          }
          scopes.add(new Scope(rs.getString(1), rs.getString(2)));
        }
      }
      for (Scope scope : scopes) {
        PreparedStatement rows = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE, scope);
        PreparedStatement update = statement("UPDATE key_pairs SET row_check = ?3" + IN_SCOPE + " AND id = ?4", scope);
        try (ResultSet rs = rows.executeQuery()) {
          while (rs.next()) {
            update.setLong(3, keyPairCheck(scope, keyPairRow(rs), rs.getString(10)));
            update.setString(4, rs.getString(1));
            update.executeUpdate();
          }
        }
        rows = statement("SELECT " + INSTANCE_COLUMNS + " FROM instances" + IN_SCOPE, scope);
        update = statement("UPDATE instances SET row_check = ?3" + IN_SCOPE + " AND id = ?4", scope);
        try (ResultSet rs = rows.executeQuery()) {
          while (rs.next()) {
            update.setLong(3, instanceCheck(scope, instanceRow(rs)));
            update.setString(4, rs.getString(1));
            update.executeUpdate();
          }
        }
      }
      dialect.writeSchemaVersion(connection, SCHEMA_VERSION);
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------- plumbing

  /** One step against the database; SQL failures and undecodable rows are turned into store errors around it. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException, Encodings.Malformed;
  }

  private KeyPairException failure(String what, SQLException e) {
    return new KeyPairException(dialect.classify(e), "cannot " + what + " in the " + dialect.name() + " store "
        + location + ": " + dialect.describe(e), e);
  }

  private KeyPairException corrupt(String what, Encodings.Malformed e) {
    return new KeyPairException(StoreErrors.CORRUPT, "cannot " + what + " in the store " + location
        + ": it is damaged (" + e.getMessage() + ")", e);
  }

  private void ensureOpen() {
    if (closed) {
      throw new KeyPairException(StoreErrors.UNAVAILABLE, "the store is closed");
    }
  }

  private <T> T read(String what, Work<T> work) {
    synchronized (lock) {
      ensureOpen();
      try {
        return work.run();
      } catch (SQLException e) {
        forgetStatements();
        throw failure(what, e);
      } catch (Encodings.Malformed e) {
        throw corrupt(what, e);
      }
    }
  }

  /** Runs {@code work} in one write transaction: committed if it returns, rolled back if anything throws. */
  private <T> T write(String what, Work<T> work) {
    synchronized (lock) {
      ensureOpen();
      boolean inTransaction = false;
      try {
        execute(dialect.beginWrite());
        inTransaction = true;
        T result = work.run();
        CrashPoint.reach("write-before-commit");
        execute("COMMIT");
        inTransaction = false;
        CrashPoint.reach("write-after-commit");
        return result;
      } catch (SQLException e) {
        forgetStatements();
        throw failure(what, e);
      } catch (Encodings.Malformed e) {
        throw corrupt(what, e);
      } finally {
        if (inTransaction) {
          try {
            execute("ROLLBACK");
          } catch (SQLException ignored) {
            // SQLite has rolled back already (I/O error, full disk) or the connection is gone: nothing committed
          }
        }
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Closes and forgets the kept statements: after a failure, since the driver may have closed the one that failed
   * (SQLite's {@code SQLITE_FULL} does), and at close. The next call prepares them again.
   */
  private void forgetStatements() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closed already, or the connection is gone: it is forgotten either way
      }
    }
    statements.clear();
  }

  /** A prepared statement for {@code sql}, kept for the next call; parameters 1 and 2 are the scope. */
  private PreparedStatement statement(String sql, Scope scope) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    ps.clearParameters();
    ps.setString(1, scope.provider());
    ps.setString(2, scope.region());
    return ps;
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private boolean exists(Scope scope, String sql, Object key) throws SQLException {
    PreparedStatement ps = statement(sql, scope);
    ps.setObject(3, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /** The key pair in the current row of {@code rs} (columns {@link #KEY_PAIR_COLUMNS}), checked. */
  private static StoredKeyPair keyPair(ResultSet rs, Scope scope) throws SQLException, Encodings.Malformed {
    StoredKeyPair k = keyPairRow(rs);
    long check = rs.getLong(13);
    if (rs.wasNull() || check != keyPairCheck(scope, k, rs.getString(10))) {
      throw new Encodings.Malformed("a key_pairs row fails its check");
    }
    return k;
  }

  /** The row check of {@code k} in {@code scope}, its tags column holding {@code tags}. */
  private static long keyPairCheck(Scope scope, StoredKeyPair k, String tags) {
    return Encodings.rowCheck(scope.provider(), scope.region(), k.id(), k.name(), Encodings.sortKey(k.nameKey()),
        k.type(), k.bits(), k.fingerprint(), k.fingerprintKey(), k.origin(), k.created().toEpochMilli(), tags,
        k.publicKey(), k.publicKeyKey());
  }

  /** The key pair in the current row of {@code rs}, not checked. */
  private static StoredKeyPair keyPairRow(ResultSet rs) throws SQLException, Encodings.Malformed {
    try {
      long bits = rs.getLong(5);
      long created = rs.getLong(9);
      if (rs.wasNull() || bits != (int) bits) {
        throw new Encodings.Malformed("a key_pairs row has a bad bit count or creation time");
      }
      return new StoredKeyPair(rs.getString(1), rs.getString(2), Encodings.fromSortKey(rs.getBytes(3)),
          rs.getString(4), (int) bits, rs.getString(6), rs.getString(7), rs.getString(8), Instant.ofEpochMilli(created),
          Encodings.decodeTags(rs.getString(10)), rs.getString(11), rs.getString(12));
    } catch (RuntimeException e) {
      throw new Encodings.Malformed("a key_pairs row is incomplete");
    }
  }

  /** The instance in the current row of {@code rs} (columns {@link #INSTANCE_COLUMNS}), checked. */
  private static StoredInstance instance(ResultSet rs, Scope scope) throws SQLException, Encodings.Malformed {
    StoredInstance i = instanceRow(rs);
    long check = rs.getLong(10);
    if (rs.wasNull() || check != instanceCheck(scope, i)) {
      throw new Encodings.Malformed("an instances row fails its check");
    }
    return i;
  }

  private static long instanceCheck(Scope scope, StoredInstance i) {
    return Encodings.rowCheck(scope.provider(), scope.region(), i.id(), i.os(), i.state(), i.keyPairId(),
        i.keyPairName(), i.pendingPublicKey(), i.servedPublicKey(), i.restartPending() ? 1 : 0, i.version());
  }

  /** The instance in the current row of {@code rs}, not checked. */
  private static StoredInstance instanceRow(ResultSet rs) throws SQLException, Encodings.Malformed {
    try {
      long restartPending = rs.getLong(8);
      long version = rs.getLong(9);
      if (rs.wasNull() || (restartPending != 0 && restartPending != 1)) {
        throw new Encodings.Malformed("an instances row has a bad version or restart flag");
      }
      return new StoredInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          rs.getString(6), rs.getString(7), restartPending == 1, version);
    } catch (RuntimeException e) {
      throw new Encodings.Malformed("an instances row is incomplete");
    }
  }

  private static List<StoredKeyPair> keyPairs(PreparedStatement ps, Scope scope)
      throws SQLException, Encodings.Malformed {
    List<StoredKeyPair> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(keyPair(rs, scope));
      }
    }
    return out;
  }

  /** The one row a unique lookup found, if any; a row with another key means the index disagrees with the rows. */
  private static <T> Optional<T> single(List<T> rows, Function<T, String> key, String expected)
      throws Encodings.Malformed {
    if (rows.size() > 1 || (rows.size() == 1 && !key.apply(rows.get(0)).equals(expected))) {
      throw new Encodings.Malformed("a unique index disagrees with the rows");
    }
    return rows.stream().findFirst();
  }

  /** The rows of an ordered read must be strictly ascending by name key: anything else is a damaged index. */
  private static void checkAscending(List<StoredKeyPair> rows, String after) throws Encodings.Malformed {
    String previous = after;
    for (StoredKeyPair k : rows) {
      if (previous != null && k.nameKey().compareTo(previous) <= 0) {
        throw new Encodings.Malformed("the name index disagrees with the rows");
      }
      previous = k.nameKey();
    }
  }

  // ---------------------------------------------------------------------------------------------- key pairs

  @Override
  public InsertOutcome insertKeyPair(Scope scope, StoredKeyPair keyPair, int quota) {
    Objects.requireNonNull(keyPair, "keyPair");
    Objects.requireNonNull(scope, "scope");
    String tags = Encodings.encodeTags(keyPair.tags());
    byte[] nameKey = Encodings.sortKey(keyPair.nameKey());
    return write("insert a key pair", () -> {
      PreparedStatement check = statement("SELECT"
          + " EXISTS (SELECT 1 FROM key_pairs WHERE provider = ?1 AND region = ?2 AND id = ?3),"
          + " EXISTS (SELECT 1 FROM key_pairs WHERE provider = ?1 AND region = ?2 AND name_key = ?4),"
          + " EXISTS (SELECT 1 FROM key_pairs WHERE provider = ?1 AND region = ?2 AND public_key_key = ?5),"
          + " (SELECT count(*) FROM key_pairs WHERE provider = ?1 AND region = ?2)", scope);
      check.setString(3, keyPair.id());
      check.setBytes(4, nameKey);
      setNullable(check, 5, keyPair.publicKeyKey());
      try (ResultSet rs = check.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the uniqueness check returned nothing");
        }
        if (rs.getInt(1) != 0) {
          return InsertOutcome.ID_TAKEN;
        }
        if (rs.getInt(2) != 0) {
          return InsertOutcome.NAME_TAKEN;
        }
        if (rs.getInt(3) != 0) {
          return InsertOutcome.PUBLIC_KEY_TAKEN;
        }
        if (rs.getLong(4) >= quota) {
          return InsertOutcome.QUOTA_EXCEEDED;
        }
      }
      PreparedStatement insert = statement("INSERT INTO key_pairs (provider, region, " + KEY_PAIR_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", scope);
      insert.setString(3, keyPair.id());
      insert.setString(4, keyPair.name());
      insert.setBytes(5, nameKey);
      insert.setString(6, keyPair.type());
      insert.setInt(7, keyPair.bits());
      insert.setString(8, keyPair.fingerprint());
      insert.setString(9, keyPair.fingerprintKey());
      insert.setString(10, keyPair.origin());
      insert.setLong(11, keyPair.created().toEpochMilli());
      insert.setString(12, tags);
      insert.setString(13, keyPair.publicKey());
      setNullable(insert, 14, keyPair.publicKeyKey());
      insert.setLong(15, keyPairCheck(scope, keyPair, tags));
      insert.executeUpdate();
      return InsertOutcome.INSERTED;
    });
  }

  @Override
  public Optional<StoredKeyPair> keyPairById(Scope scope, String id) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    return read("read a key pair", () -> {
      PreparedStatement ps = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE + " AND id = ?",
          scope);
      ps.setString(3, id);
      return single(keyPairs(ps, scope), StoredKeyPair::id, id);
    });
  }

  @Override
  public Optional<StoredKeyPair> keyPairByNameKey(Scope scope, String nameKey) {
    Objects.requireNonNull(nameKey, "nameKey");
    Objects.requireNonNull(scope, "scope");
    return read("read a key pair", () -> {
      PreparedStatement ps = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE
          + " AND name_key = ?", scope);
      ps.setBytes(3, Encodings.sortKey(nameKey));
      return single(keyPairs(ps, scope), StoredKeyPair::nameKey, nameKey);
    });
  }

  @Override
  public List<StoredKeyPair> keyPairsByFingerprintKey(Scope scope, String fingerprintKey) {
    Objects.requireNonNull(fingerprintKey, "fingerprintKey");
    Objects.requireNonNull(scope, "scope");
    return read("look up a fingerprint", () -> {
      PreparedStatement ps = statement(BY_FINGERPRINT_KEY, scope);
      ps.setString(3, fingerprintKey);
      List<StoredKeyPair> rows = keyPairs(ps, scope);
      checkAscending(rows, null);
      for (StoredKeyPair k : rows) {
        if (!k.fingerprintKey().equals(fingerprintKey)) {
          throw new Encodings.Malformed("the fingerprint index disagrees with the rows");
        }
      }
      return rows;
    });
  }

  @Override
  public List<StoredKeyPair> keyPairs(Scope scope, String afterNameKey, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    Objects.requireNonNull(scope, "scope");
    return read("list key pairs", () -> {
      PreparedStatement ps;
      if (afterNameKey == null) {
        ps = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE + " ORDER BY name_key LIMIT ?",
            scope);
        ps.setInt(3, limit);
      } else {
        ps = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE
            + " AND name_key > ? ORDER BY name_key LIMIT ?", scope);
        ps.setBytes(3, Encodings.sortKey(afterNameKey));
        ps.setInt(4, limit);
      }
      List<StoredKeyPair> rows = keyPairs(ps, scope);
      checkAscending(rows, afterNameKey);
      return rows;
    });
  }

  @Override
  public int countKeyPairs(Scope scope) {
    Objects.requireNonNull(scope, "scope");
    return read("count key pairs", () -> {
      try (ResultSet rs = statement("SELECT count(*) FROM key_pairs" + IN_SCOPE, scope).executeQuery()) {
        if (!rs.next()) {
          throw new Encodings.Malformed("count returned nothing");
        }
        return rs.getInt(1);
      }
    });
  }

  @Override
  public DeleteOutcome deleteKeyPair(Scope scope, String id, boolean refuseIfBound) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    return write("delete a key pair", () -> {
      if (!exists(scope, "SELECT 1 FROM key_pairs" + IN_SCOPE + " AND id = ?", id)) {
        return DeleteOutcome.ABSENT;
      }
      if (refuseIfBound && exists(scope, "SELECT 1 FROM instances" + IN_SCOPE + " AND key_pair_id = ? LIMIT 1", id)) {
        return DeleteOutcome.BOUND;
      }
      PreparedStatement ps = statement("DELETE FROM key_pairs" + IN_SCOPE + " AND id = ?", scope);
      ps.setString(3, id);
      ps.executeUpdate();
      return DeleteOutcome.DELETED;
    });
  }

  @Override
  public boolean replaceTags(Scope scope, String id, Map<String, String> expectedTags, Map<String, String> tags) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expectedTags, "expectedTags");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(scope, "scope");
    // the encoding sorts by key, so equal tags have equal encodings
    String encoded = Encodings.encodeTags(tags);
    String expected = Encodings.encodeTags(expectedTags);
    return write("replace tags", () -> {
      PreparedStatement read = statement("SELECT " + KEY_PAIR_COLUMNS + " FROM key_pairs" + IN_SCOPE + " AND id = ?",
          scope);
      read.setString(3, id);
      Optional<StoredKeyPair> current = single(keyPairs(read, scope), StoredKeyPair::id, id);
      if (current.isEmpty() || !Encodings.encodeTags(current.get().tags()).equals(expected)) {
        return false;
      }
      PreparedStatement ps = statement("UPDATE key_pairs SET tags = ?3, row_check = ?4" + IN_SCOPE + " AND id = ?5",
          scope);
      ps.setString(3, encoded);
      ps.setLong(4, keyPairCheck(scope, current.get(), encoded));
      ps.setString(5, id);
      return ps.executeUpdate() == 1;
    });
  }

  // ---------------------------------------------------------------------------------------------- instances

  @Override
  public boolean insertInstance(Scope scope, StoredInstance instance) {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(scope, "scope");
    return write("insert an instance", () -> {
      if (exists(scope, "SELECT 1 FROM instances" + IN_SCOPE + " AND id = ?", instance.id())) {
        return false;
      }
      PreparedStatement ps = statement("INSERT INTO instances (provider, region, " + INSTANCE_COLUMNS
          + ") VALUES (?, ?, ?10, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?12)", scope);
      bindInstance(ps, scope, instance);
      ps.executeUpdate();
      return true;
    });
  }

  /**
   * Binds ?3 to ?12: os, state, key_pair_id, key_pair_name, pending, served, restart_pending, id, version, row_check.
   */
  private static void bindInstance(PreparedStatement ps, Scope scope, StoredInstance i) throws SQLException {
    ps.setString(3, i.os());
    ps.setString(4, i.state());
    setNullable(ps, 5, i.keyPairId());
    setNullable(ps, 6, i.keyPairName());
    setNullable(ps, 7, i.pendingPublicKey());
    setNullable(ps, 8, i.servedPublicKey());
    ps.setInt(9, i.restartPending() ? 1 : 0);
    ps.setString(10, i.id());
    ps.setLong(11, i.version());
    ps.setLong(12, instanceCheck(scope, i));
  }

  @Override
  public Optional<StoredInstance> instance(Scope scope, String id) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    return read("read an instance", () -> {
      PreparedStatement ps = statement("SELECT " + INSTANCE_COLUMNS + " FROM instances" + IN_SCOPE + " AND id = ?",
          scope);
      ps.setString(3, id);
      return single(instances(ps, scope), StoredInstance::id, id);
    });
  }

  @Override
  public List<StoredInstance> instances(Scope scope) {
    Objects.requireNonNull(scope, "scope");
    return read("list instances", () -> {
      List<StoredInstance> rows = instances(statement("SELECT " + INSTANCE_COLUMNS + " FROM instances" + IN_SCOPE,
          scope), scope);
      StoredInstance[] sorted = rows.toArray(new StoredInstance[0]);
      Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id())); // String.compareTo order, as the in-memory store
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i].id().equals(sorted[i - 1].id())) {
          throw new Encodings.Malformed("two instances have one id");
        }
      }
      return List.of(sorted);
    });
  }

  private static List<StoredInstance> instances(PreparedStatement ps, Scope scope)
      throws SQLException, Encodings.Malformed {
    List<StoredInstance> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(instance(rs, scope));
      }
    }
    return out;
  }

  @Override
  public boolean replaceInstance(Scope scope, long expectedVersion, StoredInstance replacement,
      String requiredKeyPairId) {
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(scope, "scope");
    return write("replace an instance", () -> {
      PreparedStatement current = statement("SELECT version FROM instances" + IN_SCOPE + " AND id = ?", scope);
      current.setString(3, replacement.id());
      try (ResultSet rs = current.executeQuery()) {
        if (!rs.next() || rs.getLong(1) != expectedVersion) {
          return false;
        }
      }
      if (replacement.version() <= expectedVersion) {
        throw new IllegalArgumentException("the replacement's version must move forward");
      }
      if (requiredKeyPairId != null
          && !exists(scope, "SELECT 1 FROM key_pairs" + IN_SCOPE + " AND id = ?", requiredKeyPairId)) {
        return false;
      }
      PreparedStatement ps = statement("UPDATE instances SET os = ?3, state = ?4, key_pair_id = ?5,"
          + " key_pair_name = ?6, pending_public_key = ?7, served_public_key = ?8, restart_pending = ?9,"
          + " version = ?11, row_check = ?12" + IN_SCOPE + " AND id = ?10", scope);
      bindInstance(ps, scope, replacement);
      return ps.executeUpdate() == 1;
    });
  }

  /**
   * Closes the connection; SQLite moves the write-ahead log into the main file when the last connection to it
   * closes. Calls after this fail with {@code Store.Unavailable}; closing again does nothing.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      forgetStatements();
      try {
        dialect.beforeClose(connection);
      } catch (SQLException ignored) {
        // a checkpoint is an optimization: the write-ahead log is as durable as the main file
      }
      SqliteDialect.closeQuietly(connection);
    }
  }

  @Override
  public String toString() {
    return "JdbcKeyPairStore[" + dialect.name() + " " + location + "]";
  }
}
