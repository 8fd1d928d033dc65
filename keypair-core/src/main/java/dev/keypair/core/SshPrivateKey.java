package dev.keypair.core;

import java.security.KeyPair;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A private key with its comment: what {@code id_ed25519}, a {@code .pem} or a {@code .ppk} file
 * holds. It contains its {@link #publicKey()}, which the key's creation checked against the private
 * half.
 *
 * <p>No {@code equals}: private keys are compared with {@link #sameKey(SshPrivateKey)}.
 * {@link #toString()} shows the type, size and comment, never secrets.
 */
public final class SshPrivateKey implements Destroyable {

  private final PrivateKeyData keyData;
  private final Comment comment;

  private SshPrivateKey(PrivateKeyData keyData, Comment comment) {
    this.keyData = Objects.requireNonNull(keyData, "keyData");
    this.comment = Objects.requireNonNull(comment, "comment");
  }

  public static SshPrivateKey of(PrivateKeyData keyData, Comment comment) {
    return new SshPrivateKey(keyData, comment);
  }

  public static SshPrivateKey of(PrivateKeyData keyData) {
    return new SshPrivateKey(keyData, Comment.none());
  }

  /** The key pair of a JCA key pair (RSA with CRT values, DSA, EC on a NIST curve, Ed25519). */
  public static SshPrivateKey fromJca(KeyPair pair) {
    return of(JcaKeys.privateFromJca(pair.getPrivate(), pair.getPublic(), KeyPairLimits.defaults()));
  }

  /** The key of a JCA private key; the public half is derived. */
  public static SshPrivateKey fromJca(java.security.PrivateKey key) {
    return of(JcaKeys.privateFromJca(key, null, KeyPairLimits.defaults()));
  }

  public PrivateKeyData keyData() {
    return keyData;
  }

  public Comment comment() {
    return comment;
  }

  public SshPrivateKey withComment(Comment newComment) {
    return new SshPrivateKey(keyData, newComment);
  }

  /** The public half, with the same comment. */
  public SshPublicKey publicKey() {
    return SshPublicKey.of(keyData.publicKey(), comment);
  }

  public KeyType type() {
    return keyData.type();
  }

  public int bits() {
    return keyData.bits();
  }

  /** Whether the private keys are the same (comments aside). */
  public boolean sameKey(SshPrivateKey other) {
    return keyData.sameKey(other.keyData);
  }

  /** The key pair as JCA objects; the private key hands out its secret, hence the token. */
  public KeyPair toJcaKeyPair(InsecureSecretAccess access) {
    return new KeyPair(keyData.publicKey().toJcaPublicKey(), keyData.toJcaPrivateKey(access));
  }

  @Override
  public void destroy() {
    keyData.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return keyData.isDestroyed();
  }

  @Override
  public String toString() {
    return "SshPrivateKey[" + keyData.publicKey().label() + " " + bits()
        + (comment.isEmpty() ? "" : ", comment=" + comment) + "]";
  }
}
