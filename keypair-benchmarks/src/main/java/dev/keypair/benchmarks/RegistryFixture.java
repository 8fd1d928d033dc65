package dev.keypair.benchmarks;

import dev.keypair.core.Comment;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.Region;
import dev.keypair.store.jdbc.JdbcKeyPairStore;
import dev.keypair.store.spi.KeyPairStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A registry of the {@code aws-ec2} profile (quota 5,000, EC2's) in one region, on the in-memory store or on the
 * SQLite store in a new temporary folder, and the public keys to import into it: distinct keys from
 * {@link Inputs#SEED}, RSA 2048 and Ed25519 in turn (EC2 takes no ECDSA), as OpenSSH lines.
 */
final class RegistryFixture implements AutoCloseable {

  /** EC2's quota of key pairs in a region. */
  static final int QUOTA = 5_000;

  final KeyPairStore store;
  final KeyPairRegistry registry;
  private final Path folder;

  RegistryFixture(String kind) {
    try {
      if (kind.equals("sqlite")) {
        folder = Files.createTempDirectory("keypair-bench");
        store = JdbcKeyPairStore.openSqlite(folder.resolve("registry.db"));
      } else if (kind.equals("memory")) {
        folder = null;
        store = InMemoryKeyPairStore.create();
      } else {
        throw new IllegalArgumentException(kind);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry = KeyPairRegistry.open(store, ProviderProfiles.AWS_EC2, Region.of("eu-west-1"));
  }

  /** {@code count} OpenSSH public key lines, every key different. */
  static List<byte[]> publicKeyLines(int count) {
    Inputs.Keys keys = new Inputs.Keys(Inputs.SEED);
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SshPublicKey key = SshPublicKey.of(keys.publicKey(i % 2 == 0 ? "rsa2048" : "ed25519"), Comment.of("k" + i));
      out.add(OpenSshPublicKeys.encode(key));
    }
    return out;
  }

  static String name(int i) {
    return String.format("bench-%05d", i);
  }

  /** Imports every line, named {@link #name}; returns the fingerprints of the records in that order. */
  List<String> importAll(List<byte[]> lines) {
    List<String> fingerprints = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      fingerprints.add(registry.importPublicKey(name(i), lines.get(i), Map.of()).fingerprint());
    }
    return fingerprints;
  }

  @Override
  public void close() {
    store.close();
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
