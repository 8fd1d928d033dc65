package dev.keypair.testkit;

import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.OsType;
import dev.keypair.store.ProviderProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Sequences of {@link RegistryOperation}s on one provider's registry, to apply in order to a
 * {@link dev.keypair.store.KeyPairRegistry} and check what it answers.
 *
 * <p>A sequence draws its names from a small pool of its own: up to three {@link KeyPairNames#valid valid}
 * names and one {@link KeyPairNames#invalid invalid} name (used about one time in ten), so that names are
 * repeated and duplicates, deletes of existing key pairs and refusals for the name all happen. Keys come
 * from a pool of up to three, so the same key is imported twice (refused where public keys are unique).
 * Operations: create, import (mostly as an OpenSSH line, sometimes as RFC 4716 or Base64 DER), delete of
 * one or two names, describe, list, tag (with keys the provider may reserve, such as {@code aws:}), and
 * where the profile binds key pairs, adding instances, attach and detach (to one or two of {@code i-1},
 * {@code i-2} and {@code i-3}). On such a profile every sequence starts by adding {@code i-1} (Linux) and
 * {@code i-2} (Windows), which shrinking keeps.
 *
 * <p><b>Creates are cheap by default</b>: a create asks for the cheapest type the profile creates
 * (Ed25519, else ECDSA, else RSA of the profile's size, which takes tens of milliseconds each), or
 * sometimes for DSA, which no provider creates and which is refused before any key is made.
 *
 * <p>Sequences hold up to 16 operations (after the instances) and shrink towards fewer operations, shorter names (of the name
 * pool), the first key of the key pool, and operations on the first name.
 */
public final class RegistryOperations {

  private static final int MAX_OPERATIONS = 16;
  private static final List<String> INSTANCE_IDS = List.of("i-1", "i-2", "i-3");
  private static final List<String> TAG_KEYS = List.of("env", "team", "aws:owner", "aliyun-owner", "acs:x");
  private static final List<String> TAG_VALUES = List.of("prod", "", "https://example.com");

  private RegistryOperations() {}

  /**
   * Sequences on {@code profile} importing keys of every type keypair writes ({@link SshKeys#publicKeys()},
   * without comments): the types the profile does not take are refused with its code.
   */
  public static Arbitrary<List<RegistryOperation>> sequences(ProviderProfile profile) {
    return sequences(profile, SshKeys.publicKeys().withoutComments());
  }

  /**
   * Sequences on {@code profile} importing keys from {@code keys} (pass keys the profile takes, such as
   * 2048-bit RSA for Alibaba's Simple Application Server, for imports that succeed).
   */
  public static Arbitrary<List<RegistryOperation>> sequences(ProviderProfile profile, Arbitrary<SshPublicKey> keys) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(keys, "keys");
    Arbitrary<Pools> pools = Combinators.combine(KeyPairNames.valid(profile).list().ofMinSize(1).ofMaxSize(3),
        KeyPairNames.invalid(profile), keys.list().ofMinSize(1).ofMaxSize(3)).as(Pools::new);
    Arbitrary<List<Function<Pools, RegistryOperation>>> steps = step(profile).list().ofMaxSize(MAX_OPERATIONS);
    List<RegistryOperation> start = profile.bindingSupported()
        ? List.of(new RegistryOperation.AddInstance("i-1", OsType.LINUX),
            new RegistryOperation.AddInstance("i-2", OsType.WINDOWS))
        : List.of();
    return Combinators.combine(pools, steps).as((p, s) -> {
      List<RegistryOperation> sequence = new ArrayList<>(start);
      s.forEach(f -> sequence.add(f.apply(p)));
      return List.copyOf(sequence);
    });
  }

  /** The names and keys one sequence uses. */
  private record Pools(List<String> valid, String invalid, List<SshPublicKey> keys) {
    /** Index 0 to 9: 9 picks the invalid name, others a valid one. */
    String name(int index) {
      return index == 9 ? invalid : valid.get(index % valid.size());
    }

    SshPublicKey key(int index) {
      return keys.get(index % keys.size());
    }
  }

  private static Arbitrary<Function<Pools, RegistryOperation>> step(ProviderProfile profile) {
    Arbitrary<Integer> name = Arbitraries.integers().between(0, 9);
    List<Tuple.Tuple2<Integer, Arbitrary<Function<Pools, RegistryOperation>>>> steps = new ArrayList<>();
    KeyType cheapest = cheapestCreated(profile);
    Arbitrary<KeyType> createType = Arbitraries.frequency(Tuple.of(5, cheapest), Tuple.of(1, KeyType.DSA));
    steps.add(Tuple.of(2, Combinators.combine(name, createType).as((n, t) ->
        p -> new RegistryOperation.Create(p.name(n), t, CreateFormat.PEM))));
    Arbitrary<PublicKeyFormat> format = Arbitraries.frequency(Tuple.of(8, PublicKeyFormat.OPENSSH),
        Tuple.of(1, PublicKeyFormat.RFC4716), Tuple.of(1, PublicKeyFormat.DER_BASE64));
    steps.add(Tuple.of(4, Combinators.combine(name, Arbitraries.integers().between(0, 2), format).as((n, k, f) ->
        p -> new RegistryOperation.Import(p.name(n), p.key(k), f))));
    steps.add(Tuple.of(3, name.list().ofMinSize(1).ofMaxSize(2).map(ns ->
        p -> new RegistryOperation.Delete(ns.stream().map(p::name).toList()))));
    steps.add(Tuple.of(2, name.map(n -> p -> new RegistryOperation.Describe(p.name(n)))));
    steps.add(Tuple.of(1, Arbitraries.just(p -> new RegistryOperation.ListAll())));
    steps.add(Tuple.of(2, Combinators.combine(name, Arbitraries.of(TAG_KEYS), Arbitraries.of(TAG_VALUES)).as((n, k, v) ->
        p -> new RegistryOperation.Tag(p.name(n), k, v))));
    if (profile.bindingSupported()) {
      Arbitrary<String> instance = Arbitraries.of(INSTANCE_IDS);
      Arbitrary<List<String>> instances = instance.list().ofMinSize(1).ofMaxSize(2);
      steps.add(Tuple.of(2, Combinators.combine(instance, Arbitraries.of(OsType.values())).as((i, os) ->
          p -> new RegistryOperation.AddInstance(i, os))));
      steps.add(Tuple.of(2, Combinators.combine(name, instances).as((n, is) ->
          p -> new RegistryOperation.Attach(p.name(n), is))));
      steps.add(Tuple.of(1, Combinators.combine(name, instances).as((n, is) ->
          p -> new RegistryOperation.Detach(p.name(n), is))));
    }
    return Arbitraries.frequencyOf(steps);
  }

  /** Ed25519, else an ECDSA curve, else RSA, as the profile creates them; Ed25519 if it creates none. */
  private static KeyType cheapestCreated(ProviderProfile profile) {
    for (KeyType t : List.of(KeyType.ED25519, KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384,
        KeyType.ECDSA_NISTP521, KeyType.RSA)) {
      if (profile.createTypes().contains(t)) {
        return t;
      }
    }
    return KeyType.ED25519;
  }
}
