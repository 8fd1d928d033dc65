package dev.keypair.store.jdbc;

import dev.keypair.store.spi.KeyPairStore;
import java.nio.file.Path;

/**
 * A {@link KeyPairStore} over JDBC. SKELETON: signatures fixed for the command; implementation in progress.
 */
public abstract class JdbcKeyPairStore implements KeyPairStore {

  /**
   * Opens the store at {@code location}: a {@code jdbc:} URL, or a file path (the SQLite store in that file,
   * created with its parent folders if missing).
   */
  public static JdbcKeyPairStore open(String location) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Opens the SQLite store in this file. */
  public static JdbcKeyPairStore openSqlite(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code $KEYPAIR_HOME/registry.db}, else {@code ~/.keypair/registry.db}. */
  public static Path defaultPath() {
    String home = System.getenv("KEYPAIR_HOME");
    Path dir = home != null && !home.isEmpty() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".keypair");
    return dir.resolve("registry.db");
  }
}
