package dev.keypair.core;

import dev.keypair.core.internal.CoreAccess;
import java.math.BigInteger;
import java.util.function.Supplier;

/** Gives {@link CoreAccess} its way in; registered by {@link Bytes}'s static initializer. */
final class CoreAccessor implements CoreAccess.Accessor {

  @Override
  public Bytes wrap(byte[] owned) {
    return Bytes.wrap(owned);
  }

  @Override
  public byte[] array(Bytes bytes) {
    return bytes.array();
  }

  @Override
  public byte[] utf8(Passphrase passphrase) {
    return passphrase.utf8();
  }

  @Override
  public byte[] array(SecretBytes secret) {
    return secret.array();
  }

  @Override
  public SecretBytes wrapSecret(byte[] owned) {
    return SecretBytes.wrap(owned);
  }

  @Override
  public boolean hasCrtExponents(RsaPrivateKeyData key, byte[] dP, byte[] dQ) {
    return key.hasCrtExponents(dP, dQ);
  }

  @Override
  public RsaKeyData rsaKey(BigInteger e, byte[] modulus, KeyPairLimits limits) {
    return RsaKeyData.ofModulusBytes(e, modulus, limits);
  }

  @Override
  public Bytes sha256(KeyData key, Supplier<Bytes> digest) {
    return key instanceof AbstractKeyData k ? k.sha256(digest) : digest.get();
  }
}
