package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.store.ProviderProfile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * A jqwik domain in which {@code @ForAll} parameters of keypair's types need no {@code @Provide} method:
 *
 * <pre>{@code
 * @Property
 * @Domain(KeypairDomain.class)
 * void readsEveryForm(@ForAll EncodedPublicKey encoded) { ... }
 * }</pre>
 *
 * <p>It provides, each from the factory named: {@link KeyType} ({@link SshKeys#keyTypes()}), {@link Comment}
 * ({@link SshKeys#comments()}), {@link SshPublicKey} ({@link SshKeys#publicKeys()}), {@link SshPrivateKey}
 * ({@link SshKeys#keyPairs()}), {@link EncodedPublicKey} and {@link EncodedPrivateKey} ({@link EncodedKeys}),
 * {@link AuthorizedKeysLineSample} and {@link AuthorizedKeysFileSample} ({@link AuthorizedKeysLines}),
 * {@link FingerprintSpelling} ({@link FingerprintSpellings#spellings()}) and {@link ProviderProfile}
 * ({@link KeyPairNames#profiles()}).
 *
 * <p>Like every jqwik domain, it replaces jqwik's defaults: a property that also wants {@code @ForAll int}
 * or {@code String} names {@code @Domain(DomainContext.Global.class)} as well. keypair's providers take
 * precedence over jqwik's there, whichever {@code @Domain} comes first, so a {@code KeyType} is still one
 * keypair writes (jqwik's default for an enum would also draw DSA, the security-key types and
 * {@code UNKNOWN}).
 */
public class KeypairDomain extends DomainContextBase {

  @Provide
  Arbitrary<KeyType> keyTypes() {
    return SshKeys.keyTypes();
  }

  @Provide
  Arbitrary<Comment> comments() {
    return SshKeys.comments();
  }

  @Provide
  Arbitrary<SshPublicKey> publicKeys() {
    return SshKeys.publicKeys();
  }

  @Provide
  Arbitrary<SshPrivateKey> keyPairs() {
    return SshKeys.keyPairs();
  }

  @Provide
  Arbitrary<EncodedPublicKey> encodedPublicKeys() {
    return EncodedKeys.publicKeys();
  }

  @Provide
  Arbitrary<EncodedPrivateKey> encodedPrivateKeys() {
    return EncodedKeys.privateKeys();
  }

  @Provide
  Arbitrary<AuthorizedKeysLineSample> authorizedKeysLines() {
    return AuthorizedKeysLines.lines();
  }

  @Provide
  Arbitrary<AuthorizedKeysFileSample> authorizedKeysFiles() {
    return AuthorizedKeysLines.files();
  }

  @Provide
  Arbitrary<FingerprintSpelling> fingerprintSpellings() {
    return FingerprintSpellings.spellings();
  }

  @Provide
  Arbitrary<ProviderProfile> profiles() {
    return KeyPairNames.profiles();
  }
}
