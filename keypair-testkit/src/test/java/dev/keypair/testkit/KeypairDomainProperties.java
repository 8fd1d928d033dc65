package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.FingerprintMatcher;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;
import net.jqwik.api.lifecycle.AfterContainer;

/** Every type {@link KeypairDomain} names is resolved by it, alone and beside jqwik's defaults. */
class KeypairDomainProperties {

  private static final Set<KeyType> SEEN = ConcurrentHashMap.newKeySet();

  @Property(tries = 40)
  @Domain(KeypairDomain.class)
  void resolvesKeysAndComments(@ForAll KeyType type, @ForAll Comment comment, @ForAll SshPublicKey key,
      @ForAll SshPrivateKey pair) {
    assertThat(SshKeys.keyTypes().allValues().orElseThrow()).contains(type);
    assertThat(comment.bytes().toByteArray()).doesNotContain((byte) '\n', (byte) '\r', (byte) 0);
    assertThat(PublicKeys.parse(PublicKeys.encode(key, PublicKeyFormat.OPENSSH)))
        .isEqualTo(key);
    assertThat(pair.publicKey().keyData().type()).isNotEqualTo(KeyType.UNKNOWN);
  }

  @Property(tries = 15)
  @Domain(KeypairDomain.class)
  void resolvesEncodedForms(@ForAll EncodedPublicKey pub, @ForAll EncodedPrivateKey priv,
      @ForAll AuthorizedKeysLineSample line, @ForAll AuthorizedKeysFileSample file) {
    assertThat(PublicKeys.parse(pub.bytes()).keyData()).isEqualTo(pub.key().keyData());
    assertThat(PrivateKeys.decode(priv.bytes(), priv.toPassphrase()).requirePrivateKey().sameKey(priv.key()))
        .isTrue();
    assertThat(AuthorizedKeys.parseEntry(line.text()).key().keyData()).isEqualTo(line.key().keyData());
    assertThat(AuthorizedKeys.parse(file.text())).isNotNull();
  }

  @Property(tries = 30)
  @Domain(KeypairDomain.class)
  void resolvesSpellingsAndProfiles(@ForAll FingerprintSpelling spelling, @ForAll ProviderProfile profile) {
    assertThat(FingerprintMatcher.match(spelling.key(), spelling.text()).matched()).contains(spelling.algorithm());
    assertThat(ProviderProfiles.all()).contains(profile);
  }

  /** Beside jqwik's defaults, keypair's providers win: a KeyType is never one keypair does not write. */
  @Property(tries = 300)
  @Domain(DomainContext.Global.class)
  @Domain(KeypairDomain.class)
  void winsOverTheDefaultsBesideThem(@ForAll KeyType type, @ForAll int anyInt, @ForAll String anyString) {
    assertThat(SshKeys.keyTypes().allValues().orElseThrow()).contains(type);
    SEEN.add(type);
  }

  @AfterContainer
  static void everyTypeWasDrawn() {
    assertThat(SEEN).isEqualTo(EnumSet.copyOf(SshKeys.keyTypes().allValues().orElseThrow()
        .collect(java.util.stream.Collectors.toSet())));
  }
}
