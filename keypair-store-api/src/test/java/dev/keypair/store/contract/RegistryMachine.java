package dev.keypair.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.BindingResult;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.CreatedKeyPair;
import dev.keypair.store.IdGenerator;
import dev.keypair.store.Instance;
import dev.keypair.store.InstanceState;
import dev.keypair.store.KeyOrigin;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.OsType;
import dev.keypair.store.Page;
import dev.keypair.store.ProviderCodes;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.spi.KeyPairStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A {@link KeyPairRegistry} on a store under test next to a model of plain maps, for jqwik's
 * {@link ActionChain}: every action runs on both, checks that the registry answered as the model says
 * (result or refusal code), and {@link #check()} compares everything the registry can tell after it.
 * Names come from a small alphabet and the quota is 3, so duplicates and full regions are frequent.
 */
final class RegistryMachine {

  /** AWS's rules with a quota of 3: idempotent delete of one name, binding at once, Windows too. */
  static final ProviderProfile AWS_LIKE = ProviderProfiles.AWS_EC2.toBuilder().quota(3).build();

  /**
   * Alibaba ECS's rules with a quota of 3, pages of 2 by default, and Ed25519 (created and imported) so
   * that no RSA key is generated: delete refused while attached, Linux only, restart to take effect.
   */
  static final ProviderProfile ALIBABA_LIKE = ProviderProfiles.ALIBABA_ECS.toBuilder().quota(3)
      .importType(KeyType.ED25519, PublicKeyFormat.OPENSSH)
      .create(KeyType.ED25519, CreateFormat.PEM, PrivateKeyFormat.OPENSSH)
      .paging(2, 50).build();

  private static final List<String> NAMES = List.of("k1", "k2", "k3", "k4", "K1");
  private static final List<String> INSTANCE_IDS = List.of("i-1", "i-2", "i-3", "i-9");
  private static final String REGION = "eu-west-1";

  private final ProviderProfile profile;
  private final ProviderCodes codes;
  private final UnaryOperator<KeyPairStore> reopen;
  private final IdGenerator ids = IdGenerator.sequential();
  private KeyPairStore store;
  private KeyPairRegistry registry;

  private final TreeMap<String, ModelKey> keys = new TreeMap<>();
  private final TreeMap<String, ModelInstance> instances = new TreeMap<>();
  private final Set<String> usedIds = new HashSet<>();

  private static final class ModelKey {
    final String id;
    final String line;
    final String fingerprint;
    final KeyOrigin origin;
    final TreeMap<String, String> tags = new TreeMap<>();

    ModelKey(KeyPairRecord r) {
      this.id = r.id();
      this.line = r.publicKeyLine();
      this.fingerprint = r.fingerprint();
      this.origin = r.origin();
    }
  }

  private static final class ModelInstance {
    final OsType os;
    boolean running;
    String boundId;
    String boundName;
    String pending;
    String served;
    boolean restartPending;

    ModelInstance(OsType os, boolean running) {
      this.os = os;
      this.running = running;
    }
  }

  private RegistryMachine(Supplier<KeyPairStore> open, UnaryOperator<KeyPairStore> reopen, ProviderProfile profile) {
    this.profile = profile;
    this.codes = profile.codes();
    this.reopen = reopen;
    this.store = open.get();
    this.registry = ContractSupport.registry(store, profile, REGION, ids);
    addInstance("i-1", OsType.LINUX, true);
    addInstance("i-2", OsType.LINUX, false);
    addInstance("i-3", OsType.WINDOWS, true);
  }

  private void addInstance(String id, OsType os, boolean running) {
    registry.addInstance(id, os, running ? InstanceState.RUNNING : InstanceState.STOPPED);
    instances.put(id, new ModelInstance(os, running));
  }

  @Override
  public String toString() {
    return "RegistryMachine[" + profile.id() + ", keys " + keys.keySet() + "]";
  }

  // -------------------------------------------------------------------------------------- the chain

  static Arbitrary<ActionChain<RegistryMachine>> chains(Supplier<KeyPairStore> open,
      UnaryOperator<KeyPairStore> reopen, ProviderProfile profile) {
    Arbitrary<String> name = Arbitraries.of(NAMES);
    Arbitrary<String> instance = Arbitraries.of(INSTANCE_IDS);
    Arbitrary<List<String>> someInstances = instance.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<String>> deleteNames = profile.maxDeletePerCall() == 1 ? name.map(List::of)
        : name.set().ofMinSize(1).ofMaxSize(3).map(ArrayList::new);
    Arbitrary<String> tagKey = Arbitraries.of("env", "team", "Env");
    return ActionChain.<RegistryMachine>startWith(() -> new RegistryMachine(open, reopen, profile))
        .withAction(4, act(Combinators.combine(name, Arbitraries.integers().between(0, 3)).as((n, k) ->
            mutate("import " + n + " key " + k, m -> m.importKey(n, k)))))
        .withAction(2, act(name.map(n -> mutate("create " + n, m -> m.create(n)))))
        .withAction(3, act(deleteNames.map(ns -> mutate("delete " + ns, m -> m.delete(ns)))))
        .withAction(3, act(Combinators.combine(name, someInstances).as((n, is) ->
            mutate("attach " + n + " " + is, m -> m.attach(n, is)))))
        .withAction(2, act(Combinators.combine(name, someInstances).as((n, is) ->
            mutate("detach " + n + " " + is, m -> m.detach(n, is)))))
        .withAction(2, act(Combinators.combine(instance, Arbitraries.of("restart", "start", "stop")).as((i, how) ->
            mutate(how + " " + i, m -> m.power(i, how)))))
        .withAction(2, act(Combinators.combine(Arbitraries.integers().between(1, 3),
            Arbitraries.of("", "k*", "*1", "K1", "*")).as((size, pattern) ->
            mutate("list by " + size + " '" + pattern + "'", m -> m.list(size, pattern)))))
        .withAction(2, act(Combinators.combine(name, tagKey, Arbitraries.of("a", "b", "")).as((n, k, v) ->
            mutate("tag " + n + " " + k + "=" + v, m -> m.tag(n, k, v)))))
        .withAction(1, act(Combinators.combine(name, tagKey).as((n, k) ->
            mutate("untag " + n + " " + k, m -> m.untag(n, k)))))
        .withAction(1, act(name.map(n -> mutate("describe " + n, m -> m.describe(n)))))
        .withAction(1, act(Arbitraries.just(mutate("reopen the store", RegistryMachine::reopenStore))))
        .withMaxTransformations(30);
  }

  private static Action.Independent<RegistryMachine> act(Arbitrary<Transformer<RegistryMachine>> transformers) {
    return () -> transformers;
  }

  private static Transformer<RegistryMachine> mutate(String description, Consumer<RegistryMachine> change) {
    return Transformer.mutate(description, change);
  }

  // ------------------------------------------------------------------------------------ the actions

  /** What an insert of {@code name} must be refused with, or null. */
  private ErrorCode insertRefusal(String name) {
    if (keys.containsKey(name)) {
      return codes.duplicateName();
    }
    return keys.size() >= profile.quota() ? codes.quotaExceeded() : null;
  }

  private static void expectRefusal(ErrorCode expected, KeyPairException e) {
    assertThat(e.code()).as("refused with: " + e.getMessage()).isEqualTo(expected);
  }

  private void importKey(String name, int k) {
    SshPublicKey key = k < 3 ? ContractSupport.ed25519(k) : ContractSupport.fixture("rsa2048");
    ErrorCode expected = insertRefusal(name);
    byte[] content = PublicKeys.encode(key.withComment(Comment.of("someone@host")), PublicKeyFormat.OPENSSH);
    KeyPairRecord r;
    try {
      r = registry.importPublicKey(name, content, Map.of());
    } catch (KeyPairException e) {
      expectRefusal(expected, e);
      return;
    }
    assertThat(expected).as("import of " + name + " succeeded").isNull();
    assertThat(r.publicKey().sameKey(key)).isTrue();
    assertThat(r.origin()).isEqualTo(KeyOrigin.IMPORTED);
    added(name, r);
  }

  private void create(String name) {
    ErrorCode expected = insertRefusal(name);
    try (CreatedKeyPair c = registry.create(name, KeyType.ED25519, CreateFormat.PEM, Map.of())) {
      assertThat(expected).as("create of " + name + " succeeded").isNull();
      assertThat(c.format()).isEqualTo(PrivateKeyFormat.OPENSSH);
      assertThat(c.record().origin()).isEqualTo(KeyOrigin.CREATED);
      added(name, c.record());
    } catch (KeyPairException e) {
      expectRefusal(expected, e);
    }
  }

  private void added(String name, KeyPairRecord r) {
    assertThat(r.name()).isEqualTo(name);
    assertThat(profile.idShape().matches(r.id())).as(r.id()).isTrue();
    assertThat(usedIds.add(r.id())).as("a new id: " + r.id()).isTrue();
    assertThat(r.created()).isEqualTo(ContractSupport.NOW);
    assertThat(r.tags()).isEmpty();
    assertThat(r.fingerprint()).isEqualTo(profile.fingerprintRule().apply(r.publicKey().keyData()).value());
    assertThat(r.publicKeyLine()).endsWith(" " + name);
    keys.put(name, new ModelKey(r));
  }

  private void delete(List<String> names) {
    ErrorCode expected = null;
    List<String> deleted = new ArrayList<>();
    for (String n : names) {
      if (keys.containsKey(n)) {
        deleted.add(n);
      } else if (!profile.deleteIdempotent()) {
        expected = codes.notFound();
        break;
      }
    }
    if (expected == null && profile.deleteRefusedWhileAttached()) {
      for (String n : deleted) {
        String id = keys.get(n).id;
        if (instances.values().stream().anyMatch(i -> id.equals(i.boundId))) {
          expected = codes.attached();
        }
      }
    }
    List<String> answer;
    try {
      answer = registry.delete(names);
    } catch (KeyPairException e) {
      expectRefusal(expected, e);
      return;
    }
    assertThat(expected).as("delete of " + names + " succeeded").isNull();
    assertThat(answer).containsExactlyElementsOf(deleted);
    deleted.forEach(keys::remove);
  }

  private void attach(String name, List<String> ids) {
    binding(name, ids, registry::attach, (k, i) -> {
      if (profile.linuxOnly() && i.os == OsType.WINDOWS) {
        return codes.windowsInstance();
      }
      if (!k.id.equals(i.boundId)) {
        i.boundId = k.id;
        i.boundName = name;
        i.pending = k.line;
        if (profile.restartRequired()) {
          i.restartPending = !k.line.equals(i.served);
        } else {
          i.served = k.line;
        }
      }
      return null;
    });
  }

  private void detach(String name, List<String> ids) {
    binding(name, ids, registry::detach, (k, i) -> {
      if (!k.id.equals(i.boundId)) {
        return codes.notBound();
      }
      i.boundId = null;
      i.boundName = null;
      i.pending = null;
      if (profile.restartRequired()) {
        i.restartPending = i.served != null;
      } else {
        i.served = null;
      }
      return null;
    });
  }

  /**
   * An attach or detach: refused as a whole for a missing key pair, else one result per distinct instance,
   * {@code change} deciding (and applying to the model) each existing instance's.
   */
  private void binding(String name, List<String> ids, BiFunction<String, List<String>, List<BindingResult>> call,
      BiFunction<ModelKey, ModelInstance, ErrorCode> change) {
    ModelKey k = keys.get(name);
    List<BindingResult> results;
    try {
      results = call.apply(name, ids);
    } catch (KeyPairException e) {
      expectRefusal(k == null ? codes.notFound() : null, e);
      return;
    }
    assertThat(k).as("binding of a missing key pair succeeded").isNotNull();
    Map<String, ErrorCode> expected = new LinkedHashMap<>();
    for (String id : ids) {
      if (!expected.containsKey(id)) {
        ModelInstance i = instances.get(id);
        expected.put(id, i == null ? codes.instanceNotFound() : change.apply(k, i));
      }
    }
    assertResults(results, expected);
  }

  private static void assertResults(List<BindingResult> results, Map<String, ErrorCode> expected) {
    Map<String, ErrorCode> actual = new LinkedHashMap<>();
    for (BindingResult r : results) {
      actual.put(r.instanceId(), r.error().orElse(null));
      assertThat(r.succeeded()).isEqualTo(r.error().isEmpty());
    }
    assertThat(results).hasSameSizeAs(expected.keySet());
    assertThat(actual).containsExactlyEntriesOf(expected);
  }

  private void power(String id, String how) {
    ModelInstance i = instances.get(id);
    Instance answer;
    try {
      answer = switch (how) {
        case "restart" -> registry.restart(id);
        case "start" -> registry.start(id);
        default -> registry.stop(id);
      };
    } catch (KeyPairException e) {
      expectRefusal(i == null ? codes.instanceNotFound() : null, e);
      return;
    }
    assertThat(i).as(how + " of a missing instance succeeded").isNotNull();
    i.running = !how.equals("stop");
    if (i.running && i.restartPending) {
      i.served = i.pending;
      i.restartPending = false;
    }
    assertInstance(answer, i);
  }

  private void list(int pageSize, String pattern) {
    List<String> expected = keys.keySet().stream()
        .filter(n -> pattern.isEmpty() || n.matches(pattern.replace("*", ".*"))).toList();
    List<String> seen = new ArrayList<>();
    Optional<String> token = Optional.empty();
    int pages = 0;
    do {
      KeyPairQuery.Builder q = KeyPairQuery.builder().pageSize(pageSize);
      if (!pattern.isEmpty()) {
        q.namePattern(pattern);
      }
      token.ifPresent(q::pageToken);
      Page<KeyPairRecord> page = registry.list(q.build());
      assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
      page.items().forEach(r -> seen.add(r.name()));
      token = page.nextPageToken();
      assertThat(++pages).isLessThanOrEqualTo(expected.size() + 1);
    } while (token.isPresent());
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  private void tag(String name, String key, String value) {
    ModelKey k = keys.get(name);
    KeyPairRecord r;
    try {
      r = registry.tag(name, Map.of(key, value));
    } catch (KeyPairException e) {
      expectRefusal(k == null ? codes.notFound() : null, e);
      return;
    }
    assertThat(k).isNotNull();
    k.tags.put(key, value);
    assertThat(r.tags()).isEqualTo(k.tags);
  }

  private void untag(String name, String key) {
    ModelKey k = keys.get(name);
    KeyPairRecord r;
    try {
      r = registry.untag(name, List.of(key));
    } catch (KeyPairException e) {
      expectRefusal(k == null ? codes.notFound() : null, e);
      return;
    }
    assertThat(k).isNotNull();
    k.tags.remove(key);
    assertThat(r.tags()).isEqualTo(k.tags);
  }

  private void describe(String name) {
    ModelKey k = keys.get(name);
    assertThat(registry.find(name).map(KeyPairRecord::id)).isEqualTo(Optional.ofNullable(k).map(m -> m.id));
    try {
      List<KeyPairRecord> one = registry.list(KeyPairQuery.builder().names(name).build()).items();
      assertThat(k).isNotNull();
      assertThat(one).singleElement().extracting(KeyPairRecord::id).isEqualTo(k.id);
    } catch (KeyPairException e) {
      expectRefusal(k == null ? codes.notFound() : null, e);
    }
  }

  private void reopenStore() {
    store = reopen.apply(store);
    registry = ContractSupport.registry(store, profile, REGION, ids);
  }

  // -------------------------------------------------------------------------------- the invariant

  /** Everything the registry can tell equals the model. */
  void check() {
    assertThat(registry.count()).isEqualTo(keys.size());
    List<KeyPairRecord> all = registry.listAll(KeyPairQuery.all());
    assertThat(all.stream().map(KeyPairRecord::name)).containsExactlyElementsOf(keys.keySet());
    for (KeyPairRecord r : all) {
      ModelKey k = keys.get(r.name());
      assertThat(r.id()).isEqualTo(k.id);
      assertThat(r.publicKeyLine()).isEqualTo(k.line);
      assertThat(r.fingerprint()).isEqualTo(k.fingerprint);
      assertThat(r.origin()).isEqualTo(k.origin);
      assertThat(r.tags()).isEqualTo(k.tags);
      assertThat(r.created()).isEqualTo(ContractSupport.NOW);
      assertThat(registry.describeById(k.id).name()).isEqualTo(r.name());
      List<String> sameFingerprint = keys.values().stream().filter(o -> o.fingerprint.equals(k.fingerprint))
          .map(o -> o.id).toList();
      assertThat(registry.findByFingerprint(k.fingerprint).stream().map(KeyPairRecord::id))
          .containsExactlyInAnyOrderElementsOf(sameFingerprint);
    }
    List<Instance> actual = registry.instances();
    assertThat(actual.stream().map(Instance::id)).containsExactlyElementsOf(instances.keySet());
    for (Instance i : actual) {
      assertInstance(i, instances.get(i.id()));
    }
  }

  private static void assertInstance(Instance actual, ModelInstance expected) {
    assertThat(actual.os()).isEqualTo(expected.os);
    assertThat(actual.state()).isEqualTo(expected.running ? InstanceState.RUNNING : InstanceState.STOPPED);
    assertThat(actual.keyPairName()).as(actual.id() + " bound").isEqualTo(Optional.ofNullable(expected.boundName));
    assertThat(actual.servedPublicKey()).as(actual.id() + " serves").isEqualTo(Optional.ofNullable(expected.served));
    assertThat(actual.restartPending()).as(actual.id() + " restart pending").isEqualTo(expected.restartPending);
    assertThat(actual.authorizedKeys()).isEqualTo(expected.served == null ? "" : expected.served + "\n");
    assertThat(Objects.equals(expected.boundId == null, expected.boundName == null)).isTrue();
  }
}
