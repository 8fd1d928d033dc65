package dev.keypair.store.jdbc;

import dev.keypair.store.contract.KeyPairStoreContract;
import dev.keypair.store.spi.KeyPairStore;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published store contract on the SQLite store: each store is a new file, and {@link #reopen}
 * closes the store and opens its file again, so every check also runs against what was made durable.
 */
class SqliteStoreContractTest extends KeyPairStoreContract {

  @TempDir
  static Path dir;
  private static int counter;
  private final Map<KeyPairStore, Path> files = new IdentityHashMap<>();

  /** HOSTILE 33 and 34 ask for 200 repetitions of each race, on disk as in memory. */
  @Override
  protected int raceRepetitions() {
    return 200;
  }

  @Override
  protected synchronized KeyPairStore newStore() {
    Path file = dir.resolve("store-" + (++counter) + ".db");
    JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file);
    files.put(store, file);
    return store;
  }

  @Override
  protected synchronized KeyPairStore reopen(KeyPairStore store) {
    Path file = files.get(store);
    if (file == null) {
      throw new IllegalStateException("not a store of this test");
    }
    store.close();
    JdbcKeyPairStore again = JdbcKeyPairStore.openSqlite(file);
    files.put(again, file);
    return again;
  }
}
