package dev.keypair.core;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key with its comment: what a {@code .pub} file, a line of {@code authorized_keys} or a
 * console's "public key" field holds.
 *
 * <p>Equal when both the key and the comment are; {@link #sameKey(SshPublicKey)} compares the keys
 * alone (formats such as DER carry no comment).
 */
public final class SshPublicKey {

  private final KeyData keyData;
  private final Comment comment;

  private SshPublicKey(KeyData keyData, Comment comment) {
    this.keyData = Objects.requireNonNull(keyData, "keyData");
    this.comment = Objects.requireNonNull(comment, "comment");
  }

  public static SshPublicKey of(KeyData keyData) {
    return new SshPublicKey(keyData, Comment.none());
  }

  public static SshPublicKey of(KeyData keyData, Comment comment) {
    return new SshPublicKey(keyData, comment);
  }

  /** The key of a JCA public key, without a comment. */
  public static SshPublicKey fromJca(PublicKey key) {
    return of(KeyData.fromJca(key));
  }

  public KeyData keyData() {
    return keyData;
  }

  public Comment comment() {
    return comment;
  }

  public SshPublicKey withComment(Comment newComment) {
    return new SshPublicKey(keyData, newComment);
  }

  /** The algorithm (the certified key's, for a certificate). */
  public KeyType type() {
    return keyData.type();
  }

  /** The size {@code ssh-keygen -l} prints. */
  public int bits() {
    return keyData.bits();
  }

  /** The RFC 4251 public key blob. */
  public Bytes blob() {
    return keyData.blob();
  }

  /** Whether the keys are the same, whatever the comments. */
  public boolean sameKey(SshPublicKey other) {
    return keyData.equals(other.keyData);
  }

  /** This key as a JCA public key; see {@link KeyData#toJcaPublicKey()}. */
  public PublicKey toJca() {
    return keyData.toJcaPublicKey();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshPublicKey other && keyData.equals(other.keyData) && comment.equals(other.comment);
  }

  @Override
  public int hashCode() {
    return keyData.hashCode() * 31 + comment.hashCode();
  }

  @Override
  public String toString() {
    return "SshPublicKey[" + keyData.label() + " " + keyData.bits()
        + (comment.isEmpty() ? "" : ", comment=" + comment) + "]";
  }
}
