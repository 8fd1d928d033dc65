package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.FingerprintMatcher;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.Region;
import dev.keypair.testkit.FingerprintSpelling;
import dev.keypair.testkit.FingerprintSpellings;
import dev.keypair.testkit.KeyPairNames;
import dev.keypair.testkit.RegistryOperation;
import dev.keypair.testkit.RegistryOperations;
import dev.keypair.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * How a provisioning tool tests its own code with keypair-testkit: {@link #ensureRegistered} is the tool's
 * code, and each property checks it against what the testkit generates, from {@code @Provide} methods
 * calling the testkit's static factories. The README quotes the code between the {@code snippet} markers
 * verbatim, and a test checks that it still does.
 */
class ProvisioningExampleProperties {

  /** The key the tool registers: the demo key of keypair-examples. */
  static final SshPublicKey KEY = PublicKeys.parse(
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIXcYp9mHlgmg4ExN7wCugn9UCdSE2IRR+pNKtpFww/s deploy");

  /**
   * The code under test, as a tool would write it: registers {@code key} under {@code name} unless a key
   * pair has that name already, and returns the fingerprint the console shows for the name.
   */
  static String ensureRegistered(KeyPairRegistry registry, String name, SshPublicKey key) {
    return registry.find(name).map(KeyPairRecord::fingerprint)
        .orElseGet(() -> registry.importKey(name, key, PublicKeyFormat.OPENSSH, Map.of()).fingerprint());
  }

  static KeyPairRegistry registry(ProviderProfile profile) {
    return KeyPairRegistry.open(InMemoryKeyPairStore.create(), profile, Region.of("eu-west-1"));
  }

  // snippet:start
  @Property
  void registeringTwiceKeepsOneKeyPair(@ForAll("awsNames") String name) {
    KeyPairRegistry ec2 = registry(ProviderProfiles.AWS_EC2);
    String fingerprint = ensureRegistered(ec2, name, KEY);
    assertThat(ensureRegistered(ec2, name, KEY)).isEqualTo(fingerprint);
    assertThat(ec2.count()).isEqualTo(1);
  }

  @Property
  void badNamesAreRefusedBeforeTheCloudIsCalled(@ForAll("badAwsNames") String name) {
    KeyPairRegistry ec2 = registry(ProviderProfiles.AWS_EC2);
    assertThatThrownBy(() -> ensureRegistered(ec2, name, KEY)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code().id()).isEqualTo("InvalidParameterValue"));
    assertThat(ec2.count()).isZero();
  }

  @Provide
  Arbitrary<String> awsNames() {
    return KeyPairNames.valid(ProviderProfiles.AWS_EC2);
  }

  @Provide
  Arbitrary<String> badAwsNames() {
    return KeyPairNames.invalid(ProviderProfiles.AWS_EC2);
  }
  // snippet:end

  /** However a colleague pastes the key's fingerprint, it names the key pair the tool registered. */
  @Property(tries = 200)
  void everyPastedSpellingNamesTheRegisteredKey(@ForAll("pasted") FingerprintSpelling pasted,
      @ForAll("hetznerNames") String name) {
    KeyPairRegistry hetzner = registry(ProviderProfiles.HETZNER);
    ensureRegistered(hetzner, name, SshPublicKey.of(pasted.key(), Comment.none()));
    assertThat(FingerprintMatcher.match(hetzner.describe(name).publicKey().keyData(), pasted.text()).isMatch())
        .isTrue();
  }

  /**
   * Whatever the region went through before, the name then holds a key pair with the fingerprint returned,
   * or Hetzner refused because the key is registered already under another name (it takes each public key
   * once): a case the tool must handle, which the sequences find.
   */
  @Property(tries = 100)
  void afterAnyHistoryTheNameHoldsTheKeyPairOrTheKeyIsInUse(@ForAll("hetznerHistories") List<RegistryOperation> history,
      @ForAll("hetznerNames") String name) {
    KeyPairRegistry hetzner = registry(ProviderProfiles.HETZNER);
    history.forEach(op -> op.apply(hetzner));
    try {
      String fingerprint = ensureRegistered(hetzner, name, KEY);
      assertThat(hetzner.describe(name).fingerprint()).isEqualTo(fingerprint);
    } catch (KeyPairException e) {
      assertThat(e.code()).isEqualTo(ProviderProfiles.HETZNER.codes().duplicatePublicKey());
    }
  }

  @Provide
  Arbitrary<FingerprintSpelling> pasted() {
    return FingerprintSpellings.spellings();
  }

  @Provide
  Arbitrary<String> hetznerNames() {
    return KeyPairNames.valid(ProviderProfiles.HETZNER);
  }

  /**
   * Histories importing the tool's own key or another (ssh-keygen's Ed25519 fixture key), so that the
   * tool's key is sometimes in use already.
   */
  @Provide
  Arbitrary<List<RegistryOperation>> hetznerHistories() {
    return RegistryOperations.sequences(ProviderProfiles.HETZNER,
        Arbitraries.of(KEY, PublicKeys.parse(Fixtures.line("ed25519.pub"))));
  }
}
