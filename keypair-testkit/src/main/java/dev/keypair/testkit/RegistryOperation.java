package dev.keypair.testkit;

import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.BindingResult;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.CreatedKeyPair;
import dev.keypair.store.InstanceState;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.OsType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call on a {@link KeyPairRegistry}, as {@link RegistryOperations} generates them. {@link #apply} makes
 * the call and returns its {@link RegistryOutcome}: the values listed with each operation, or the code it
 * was refused with.
 */
public sealed interface RegistryOperation {

  /** Makes the call on {@code registry}. */
  RegistryOutcome apply(KeyPairRegistry registry);

  /**
   * {@link KeyPairRegistry#create(String, KeyType, CreateFormat, Map)} without tags; the private key handed
   * over is destroyed at once. Values: the name, the id, the type family.
   */
  record Create(String name, KeyType type, CreateFormat format) implements RegistryOperation {
    public Create {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> {
        try (CreatedKeyPair c = registry.create(name, type, format, Map.of())) {
          return List.of(c.record().name(), c.record().id(), c.record().type());
        }
      });
    }

    @Override
    public String toString() {
      return "create " + quote(name) + " " + type.family() + " " + format.label();
    }
  }

  /**
   * {@link KeyPairRegistry#importKey} of {@code key} as if it came in {@code format}, without tags. Values:
   * the name, the id, the fingerprint.
   */
  record Import(String name, SshPublicKey key, PublicKeyFormat format) implements RegistryOperation {
    public Import {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> {
        KeyPairRecord r = registry.importKey(name, key, format, Map.of());
        return List.of(r.name(), r.id(), r.fingerprint());
      });
    }

    @Override
    public String toString() {
      return "import " + quote(name) + " " + Fingerprints.sha256(key.keyData()) + " as " + format.cliName();
    }
  }

  /** {@link KeyPairRegistry#delete(java.util.Collection)}. Values: the names of the key pairs deleted. */
  record Delete(List<String> names) implements RegistryOperation {
    public Delete {
      names = List.copyOf(names);
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> registry.delete(names));
    }

    @Override
    public String toString() {
      return "delete " + names.stream().map(RegistryOperation::quote).toList();
    }
  }

  /** {@link KeyPairRegistry#describe(String)}. Values: the name, the id, the fingerprint. */
  record Describe(String name) implements RegistryOperation {
    public Describe {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> {
        KeyPairRecord r = registry.describe(name);
        return List.of(r.name(), r.id(), r.fingerprint());
      });
    }

    @Override
    public String toString() {
      return "describe " + quote(name);
    }
  }

  /**
   * {@link KeyPairRegistry#listAll(KeyPairQuery)} of every key pair, following page tokens. Values: the
   * names, in the registry's order.
   */
  record ListAll() implements RegistryOperation {
    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> registry.listAll(KeyPairQuery.all()).stream().map(KeyPairRecord::name)
          .toList());
    }

    @Override
    public String toString() {
      return "list";
    }
  }

  /** {@link KeyPairRegistry#tag(String, Map)} of one tag. Values: the key pair's tags after, as {@code key=value}. */
  record Tag(String name, String key, String value) implements RegistryOperation {
    public Tag {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> registry.tag(name, Map.of(key, value)).tags().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Override
    public String toString() {
      return "tag " + quote(name) + " " + key + "=" + value;
    }
  }

  /** {@link KeyPairRegistry#addInstance} of a running instance. Values: its id. */
  record AddInstance(String id, OsType os) implements RegistryOperation {
    public AddInstance {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(os, "os");
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> List.of(registry.addInstance(id, os, InstanceState.RUNNING).id()));
    }

    @Override
    public String toString() {
      return "add instance " + id + " " + os.label();
    }
  }

  /**
   * {@link KeyPairRegistry#attach}. Values: one per instance, {@code ID ok} or {@code ID CODE} for an
   * instance refused on its own.
   */
  record Attach(String name, List<String> instanceIds) implements RegistryOperation {
    public Attach {
      Objects.requireNonNull(name, "name");
      instanceIds = List.copyOf(instanceIds);
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> results(registry.attach(name, instanceIds)));
    }

    @Override
    public String toString() {
      return "attach " + quote(name) + " to " + instanceIds;
    }
  }

  /** {@link KeyPairRegistry#detach}. Values: as {@link Attach}'s. */
  record Detach(String name, List<String> instanceIds) implements RegistryOperation {
    public Detach {
      Objects.requireNonNull(name, "name");
      instanceIds = List.copyOf(instanceIds);
    }

    @Override
    public RegistryOutcome apply(KeyPairRegistry registry) {
      return RegistryOutcome.of(this, () -> results(registry.detach(name, instanceIds)));
    }

    @Override
    public String toString() {
      return "detach " + quote(name) + " from " + instanceIds;
    }
  }

  private static List<String> results(List<BindingResult> results) {
    return results.stream().map(r -> r.instanceId() + " " + r.error().map(c -> c.id()).orElse("ok")).toList();
  }

  /** A name as Java would spell it: quoted, with control and non-ASCII characters escaped. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? Character.toString(c)
        : String.format("\\u%04x", c)));
    return b.append('"').toString();
  }
}
