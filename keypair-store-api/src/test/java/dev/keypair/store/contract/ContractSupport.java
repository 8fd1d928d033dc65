package dev.keypair.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.store.IdGenerator;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.Region;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the contract suite and the registry tests share: a fixed clock, registries with sequential ids,
 * cheap keys (Ed25519 from a seed; RSA from ssh-keygen's fixtures, never generated) and a check for a
 * refusal's code.
 */
public final class ContractSupport {

  /** The instant every registry of the suite reads from its clock. */
  public static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123Z");

  /** A clock that always says {@link #NOW}. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final List<SshPublicKey> ED25519 = new ArrayList<>();

  private ContractSupport() {}

  /** A registry of {@code profile} in {@code region} on {@code store}, with {@link #CLOCK} and sequential ids. */
  public static KeyPairRegistry registry(KeyPairStore store, ProviderProfile profile, String region) {
    return registry(store, profile, region, IdGenerator.sequential());
  }

  /** As {@link #registry(KeyPairStore, ProviderProfile, String)} with this id source. */
  public static KeyPairRegistry registry(KeyPairStore store, ProviderProfile profile, String region,
      IdGenerator ids) {
    return KeyPairRegistry.builder(store, profile, Region.of(region)).clock(CLOCK).ids(ids).build();
  }

  /** The {@code n}th of a fixed series of real Ed25519 public keys (without comment), made once. */
  public static synchronized SshPublicKey ed25519(int n) {
    while (ED25519.size() <= n) {
      ED25519.add(SshPublicKey.of(TestKeys.ed25519(1000 + ED25519.size()), Comment.none()));
    }
    return ED25519.get(n);
  }

  /** The public key of a fixture made by ssh-keygen ({@code rsa2048}, {@code dsa1024}, {@code ecdsa256}...). */
  public static SshPublicKey fixture(String name) {
    KeyData data = TestKeys.fixtureKey(name);
    return SshPublicKey.of(data, Comment.none());
  }

  /** Asserts that {@code call} throws a {@link KeyPairException} with {@code code}. */
  public static void assertRefused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
  }

  /** The code {@code call} throws, or null when it returns. */
  public static ErrorCode outcome(Runnable call) {
    try {
      call.run();
      return null;
    } catch (KeyPairException e) {
      return e.code();
    }
  }
}
