package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderCodes;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Test;

/**
 * Sequences of registry operations on the in-memory registry of every seeded profile: each operation
 * answers or is refused with one of the provider's codes, and the listing is what the successful creates
 * and imports minus the deletes leave.
 */
class RegistryOperationsTest {

  /** Seeded Ed25519 and ECDSA keys, and ssh-keygen's 2048-bit RSA key, which every seeded profile imports. */
  static Arbitrary<SshPublicKey> keys() {
    return Arbitraries.oneOf(SshKeys.publicKeys().withoutComments(), Arbitraries.just(TestRegistries.rsa2048()));
  }

  @Provide
  Arbitrary<Tuple2<ProviderProfile, List<RegistryOperation>>> sequences() {
    return KeyPairNames.profiles().flatMap(p -> RegistryOperations.sequences(p, keys()).map(s -> Tuple.of(p, s)));
  }

  @Property(tries = 200)
  void everyOperationAnswersOrIsRefusedWithAProviderCodeAndTheListingFollowsTheModel(
      @ForAll("sequences") Tuple2<ProviderProfile, List<RegistryOperation>> sample) {
    ProviderProfile profile = sample.get1();
    KeyPairRegistry registry = TestRegistries.inMemory(profile);
    List<String> model = new ArrayList<>();
    for (RegistryOperation op : sample.get2()) {
      RegistryOutcome outcome = op.apply(registry);
      assertThat(outcome.operation()).isSameAs(op);
      outcome.refusal().ifPresent(code -> assertThat(codes(profile.codes())).as(outcome.toString()).contains(code));
      follow(model, outcome);
      if (op instanceof RegistryOperation.ListAll && outcome.succeeded()) {
        assertThat(outcome.values()).as(outcome.toString()).containsExactlyInAnyOrderElementsOf(model);
      }
    }
    assertThat(registry.listAll(KeyPairQuery.all()).stream().map(KeyPairRecord::name))
        .containsExactlyInAnyOrderElementsOf(model);
    assertThat(registry.count()).isEqualTo(model.size());
  }

  /** The simple model: names added by successful creates and imports, removed by the names deletes report. */
  static void follow(List<String> model, RegistryOutcome outcome) {
    if (!outcome.succeeded()) {
      return;
    }
    if (outcome.operation() instanceof RegistryOperation.Create || outcome.operation() instanceof RegistryOperation.Import) {
      model.add(outcome.values().get(0));
    } else if (outcome.operation() instanceof RegistryOperation.Delete) {
      outcome.values().forEach(model::remove);
    }
  }

  static Set<ErrorCode> codes(ProviderCodes c) {
    return Stream.of(c.duplicateName(), c.duplicatePublicKey(), c.quotaExceeded(), c.nameMalformed(), c.notFound(),
        c.keyMalformed(), c.keyRefused(), c.tagInvalid(), c.invalidParameter(), c.unsupported(), c.instanceNotFound(),
        c.windowsInstance(), c.attached(), c.notBound()).collect(Collectors.toSet());
  }

  /**
   * The sequences make every kind of operation succeed, and make duplicates and bad names happen: on AWS,
   * Hetzner (no creates, unique public keys) and Alibaba ECS made to create Ed25519 keys (RSA is slow to make).
   */
  @Test
  void sequencesReachDuplicatesBadNamesAndEverySuccess() {
    ProviderProfile alibaba = ProviderProfiles.ALIBABA_ECS.toBuilder()
        .create(KeyType.ED25519, CreateFormat.PEM, PrivateKeyFormat.OPENSSH).build();
    for (ProviderProfile profile : List.of(ProviderProfiles.AWS_EC2, alibaba, ProviderProfiles.HETZNER)) {
      Set<String> seen = new HashSet<>();
      Samples.of(RegistryOperations.sequences(profile, keys()), 200).forEach(sequence -> {
        KeyPairRegistry registry = TestRegistries.inMemory(profile);
        for (RegistryOperation op : sequence) {
          RegistryOutcome o = op.apply(registry);
          seen.add(op.getClass().getSimpleName() + " " + o.refusal().map(ErrorCode::id).orElse("ok"));
          if (op instanceof RegistryOperation.Attach) {
            o.values().forEach(v -> seen.add("Attach " + v));
          }
        }
      });
      ProviderCodes c = profile.codes();
      assertThat(seen).as(profile.id()).contains("Import ok", "Delete ok", "Describe ok", "ListAll ok",
          "Import " + c.duplicateName().id(), "Import " + c.nameMalformed().id(), "Describe " + c.notFound().id(), "Attach ok", "Detach ok", "AddInstance ok",
          "AddInstance " + c.invalidParameter().id());
      if (!profile.deleteIdempotent()) {
        assertThat(seen).as(profile.id()).contains("Delete " + c.notFound().id());
      }
      if (!profile.createTypes().isEmpty()) {
        assertThat(seen).as(profile.id()).contains("Create ok", "Create " + c.duplicateName().id());
      }
      if (profile.tagsSupported()) {
        assertThat(seen).as(profile.id()).contains("Tag ok");
      }
      if (!profile.reservedTagPrefixes().isEmpty()) {
        assertThat(seen).as(profile.id()).contains("Tag " + c.tagInvalid().id());
      }
      if (profile.uniquePublicKeys()) {
        assertThat(seen).as(profile.id()).contains("Import " + c.duplicatePublicKey().id());
      }
      if (profile.linuxOnly()) {
        assertThat(seen).as(profile.id()).contains("Attach i-2 " + c.windowsInstance().id());
      }
    }
  }
}
