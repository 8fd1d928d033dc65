package dev.keypair.core;

import java.security.PrivateKey;
import javax.security.auth.Destroyable;

/**
 * The private half of a key together with its public half ({@link #publicKey()}).
 *
 * <p>Every implementation checks when it is made that the two halves belong together
 * ({@link ErrorCode#KEY_MISMATCH} if not) and that the private values are sane
 * ({@link ErrorCode#INVALID_VALUE}), before any expensive arithmetic: RSA checks {@code p * q = n}
 * before anything else. No {@code equals}: compare with {@link #sameKey(PrivateKeyData)}, whose time
 * does not depend on where the secrets differ. {@code toString} never shows secrets.
 *
 * <p>Secret values come out only through methods taking {@link InsecureSecretAccess}. What can be
 * wiped ({@link #destroy()}) is wiped: Ed25519 seeds. RSA, DSA and ECDSA components are
 * {@link java.math.BigInteger}s, which Java cannot wipe, as are JCA key objects. The permitted set
 * may grow in later versions; a {@code switch} over it should have a {@code default} branch.
 */
public sealed interface PrivateKeyData extends Destroyable
    permits RsaPrivateKeyData, DsaPrivateKeyData, EcdsaPrivateKeyData, Ed25519PrivateKeyData {

  /** The public half. */
  KeyData publicKey();

  default KeyType type() {
    return publicKey().type();
  }

  default int bits() {
    return publicKey().bits();
  }

  /** Whether {@code other} is the same private key, compared without early exit on the secrets. */
  boolean sameKey(PrivateKeyData other);

  /**
   * This key as a JCA private key (the JDK's own providers). A JCA key hands out its secret
   * ({@code getEncoded()}), cannot be wiped, and is therefore behind the token.
   */
  PrivateKey toJcaPrivateKey(InsecureSecretAccess access);

  /** Wipes what can be wiped; see the class comment. */
  @Override
  default void destroy() {}
}
