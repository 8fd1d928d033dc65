package dev.keypair.store.jdbc;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.StoreErrors;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * The SQLite dialect: one file, shared safely by threads and processes.
 *
 * <ul>
 *   <li>{@code journal_mode=WAL}: readers never wait for the writer; {@code synchronous=FULL}: the write-ahead log
 *       is synced at every commit, so a commit survives a crash of the process or of the machine.</li>
 *   <li>{@code busy_timeout}: a connection waits this long for another process's write lock before it fails with
 *       {@code SQLITE_BUSY} ({@code Store.Unavailable}).</li>
 *   <li>Write transactions start with {@code BEGIN IMMEDIATE}, taking the write lock before the first read.</li>
 *   <li>{@code cell_size_check=ON}: damaged pages are detected when read rather than misread.</li>
 *   <li>The header's {@code application_id} marks a keypair store ({@code KPRS}) and {@code user_version} holds
 *       the schema version. Foreign keys are not used (an instance may name a key pair deleted without
 *       {@code refuseIfBound}, as in the in-memory store).</li>
 * </ul>
 *
 * <p>A new store is built in a private temporary file next to the target and then hard-linked into place (a link
 * never replaces an existing file), so the store file never exists half-initialized and two processes creating
 * it at once agree on one. An existing empty file is therefore damage, not a new store. A process that dies while
 * creating the store can leave its temporary file behind ({@code registry.db.new-<16 hex digits>}, with its
 * {@code -wal}/{@code -shm}); the next open removes such leftovers ({@link #removeLeftovers}).
 */
final class SqliteDialect implements Dialect {

  /** {@code KPRS}, in the database header, marks a keypair store. */
  static final int APPLICATION_ID = 0x4B505253;

  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  /**
   * A temporary file of {@link #create} older than this is a crash's leftover: a creation takes milliseconds, so
   * no process is still working on it.
   */
  static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

  private static final Pattern TEMP_NAME = Pattern.compile("\\.new-[0-9a-f]{16}(-wal|-shm|-journal)?");

  private final int busyTimeoutMillis;

  SqliteDialect(int busyTimeoutMillis) {
    this.busyTimeoutMillis = busyTimeoutMillis;
  }

  @Override
  public String name() {
    return "SQLite";
  }

  @Override
  public List<String> createSchema() {
    return List.of(
        "CREATE TABLE key_pairs ("
            + " provider TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL,"
            + " name TEXT NOT NULL, name_key BLOB NOT NULL, type TEXT NOT NULL, bits INTEGER NOT NULL,"
            + " fingerprint TEXT NOT NULL, fingerprint_key TEXT NOT NULL, origin TEXT NOT NULL,"
            + " created INTEGER NOT NULL, tags TEXT NOT NULL, public_key TEXT NOT NULL, public_key_key TEXT,"
            + " row_check INTEGER NOT NULL,"
            + " UNIQUE (provider, region, id), UNIQUE (provider, region, name_key),"
            + " UNIQUE (provider, region, public_key_key)) STRICT",
        "CREATE INDEX key_pairs_by_fingerprint ON key_pairs (provider, region, fingerprint_key, name_key)",
        "CREATE TABLE instances ("
            + " provider TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL,"
            + " os TEXT NOT NULL, state TEXT NOT NULL, key_pair_id TEXT, key_pair_name TEXT,"
            + " pending_public_key TEXT, served_public_key TEXT,"
            + " restart_pending INTEGER NOT NULL CHECK (restart_pending IN (0, 1)), version INTEGER NOT NULL,"
            + " row_check INTEGER NOT NULL,"
            + " CHECK ((key_pair_id IS NULL) = (key_pair_name IS NULL)),"
            + " UNIQUE (provider, region, id)) STRICT",
        "CREATE INDEX instances_by_key_pair ON instances (provider, region, key_pair_id)");
  }

  @Override
  public String beginWrite() {
    return "BEGIN IMMEDIATE";
  }

  @Override
  public int readSchemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      int appId = intPragma(s, "PRAGMA application_id");
      if (appId == APPLICATION_ID) {
        return intPragma(s, "PRAGMA user_version");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
        return appId == 0 && rs.next() && rs.getInt(1) == 0 ? 0 : -1;
      }
    }
  }

  private static int intPragma(Statement s, String pragma) throws SQLException {
    try (ResultSet rs = s.executeQuery(pragma)) {
      if (!rs.next()) {
        throw new SQLiteException(pragma + " returned nothing", SQLiteErrorCode.SQLITE_CORRUPT);
      }
      return rs.getInt(1);
    }
  }

  @Override
  public void writeSchemaVersion(Connection c, int version) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = " + APPLICATION_ID);
      s.execute("PRAGMA user_version = " + version);
    }
  }

  /**
   * {@code integrity_check}, whatever the size: besides page structure, record formats, NOT NULL, CHECK and STRICT
   * types (all {@code quick_check} sees), it proves that every index holds exactly its table's rows (measured: 0.6
   * ms for 200 key pairs, 9 ms for 5,000, 39 ms for 20,000). Stores over 4 MiB used to get {@code quick_check}
   * alone; on a 6 MiB store, 9 of 300 flipped bytes then went unnoticed in an index page, making {@code count(*)}
   * (the quota check) answer 151 instead of 9,000 or a name lookup (the uniqueness check) miss a stored name.
   */
  @Override
  public String checkIntegrity(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA integrity_check(1)")) {
        String first = rs.next() ? rs.getString(1) : "no result";
        if ("ok".equals(first)) {
          return null;
        }
        String line = String.valueOf(first).replaceAll("\\s+", " ").trim();
        return "integrity_check found damage: " + (line.length() > 120 ? line.substring(0, 120) + "..." : line);
      }
    }
  }

  /** {@code journal_mode=WAL}: a no-op for a store, which is created in WAL mode and keeps it in its header. */
  @Override
  public void configure(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
      if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
        throw new SQLiteException("journal_mode WAL refused", SQLiteErrorCode.SQLITE_CANTOPEN);
      }
    }
  }

  /**
   * A passive checkpoint (it waits for nobody); closing the last connection then checkpoints the rest and removes
   * the {@code -wal} file, so a cleanly closed store is the main file alone.
   */
  @Override
  public void beforeClose(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }

  @Override
  public ErrorCode classify(SQLException e) {
    switch (primaryCode(e)) {
      case 1: // SQLITE_ERROR: our statements are fixed, so the schema in the file is not the one they expect
      case 11: // SQLITE_CORRUPT
      case 19: // SQLITE_CONSTRAINT: the checks before a write passed, so table and index disagree
      case 20: // SQLITE_MISMATCH
      case 24: // SQLITE_FORMAT
      case 26: // SQLITE_NOTADB
        return StoreErrors.CORRUPT;
      default: // BUSY, LOCKED, IOERR, FULL, CANTOPEN, READONLY, NOMEM, MISUSE (closed connection), ...
        return StoreErrors.UNAVAILABLE;
    }
  }

  private static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      if (code != null && code != SQLiteErrorCode.UNKNOWN_ERROR) {
        return code.code & 0xff;
      }
    }
    return e.getErrorCode() & 0xff;
  }

  @Override
  public String describe(SQLException e) {
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      if (code != null && code != SQLiteErrorCode.UNKNOWN_ERROR) {
        return code.name();
      }
    }
    String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return (m.length() > 100 ? m.substring(0, 100) + "..." : m) + (e.getErrorCode() != 0 ? " (" + e.getErrorCode()
        + ")" : "");
  }

  /**
   * A connection to the store in {@code file}, creating the store (and its missing parent folders, {@code 0700})
   * if the file does not exist.
   */
  Connection open(Path file) {
    Path target = file.toAbsolutePath().normalize();
    try {
      if (!Files.exists(target)) {
        create(target);
      }
      removeLeftovers(target);
      return connect(target);
    } catch (SQLException e) {
      throw new KeyPairException(classify(e), "cannot open the SQLite store " + target + ": " + describe(e), e);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw new KeyPairException(StoreErrors.UNAVAILABLE, "cannot create the SQLite store " + target + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE); // the file is created by create(), with its mode, never by SQLite
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(busyTimeoutMillis);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA cell_size_check = ON");
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  private void create(Path target) throws IOException, SQLException {
    Path dir = target.getParent();
    boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
      } else {
        Files.createDirectories(dir);
      }
    }
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    StringBuilder suffix = new StringBuilder();
    for (byte b : random) {
      suffix.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    Path temp = dir.resolve(target.getFileName() + ".new-" + suffix);
    FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
        : new FileAttribute<?>[0];
    Files.createFile(temp, attrs);
    try {
      Connection c = connect(temp);
      try {
        configure(c);
        JdbcKeyPairStore.initialize(c, this);
      } finally {
        closeQuietly(c); // the last connection: SQLite checkpoints and removes temp-wal
      }
      CrashPoint.reach("create-before-link");
      try {
        Files.createLink(target, temp); // never replaces: of two processes creating the store, one wins
      } catch (FileAlreadyExistsException lost) {
        // another process created the store first; use its file
      } catch (UnsupportedOperationException | FileSystemException noLinks) {
        if (!Files.exists(target)) {
          Files.move(temp, target); // no hard links here: a move that refuses an existing target instead
        }
      }
      CrashPoint.reach("create-after-link");
    } finally {
      for (String s : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(dir.resolve(temp.getFileName() + s));
      }
    }
  }

  /**
   * Removes the temporary files of creations of {@code target} that a crash cut short: one that is {@code target}
   * itself (the crash came after the link), one last modified more than {@link #LEFTOVER_AGE} ago, and the
   * {@code -wal}/{@code -shm}/{@code -journal} files of one that is gone. A recent unlinked one is left alone: it
   * may be another process's creation in progress. Best effort: what cannot be removed stays, and is never read.
   */
  static void removeLeftovers(Path target) {
    Path dir = target.getParent();
    String base = target.getFileName().toString();
    List<Path> leftovers = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> {
      String name = p.getFileName().toString();
      return name.startsWith(base) && TEMP_NAME.matcher(name.substring(base.length())).matches();
    })) {
      Instant stale = Instant.now().minus(LEFTOVER_AGE);
      for (Path p : files) {
        String name = p.getFileName().toString();
        Path temp = dir.resolve(name.substring(0, base.length() + 21)); // the ".new-" name without its suffix
        if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS) || Files.isSameFile(temp, target)
            || Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(stale)) {
          leftovers.add(p);
        }
      }
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | DirectoryIteratorException e) {
      // a leftover that stays is harmless: nothing reads it, and the next open tries again
    }
  }

  private static Path existingAncestor(Path dir) {
    Path p = dir;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? dir.getRoot() : p;
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // nothing was pending; the connection is gone either way
    }
  }
}
