package dev.keypair.core;

/**
 * The one way to see secret material in the clear: the methods that hand out raw private key values
 * or passphrase characters, and those that write a private key without encryption, take this token.
 *
 * <p>It grants nothing by itself; its point is that every such place in a program contains
 * {@code InsecureSecretAccess.get()}, so a reviewer can find them all with one search. The pattern is
 * Google Tink's {@code InsecureSecretKeyAccess}.
 */
public final class InsecureSecretAccess {

  private static final InsecureSecretAccess INSTANCE = new InsecureSecretAccess();

  private InsecureSecretAccess() {}

  /** The token. Calling this says: secret material is about to leave keypair's protection. */
  public static InsecureSecretAccess get() {
    return INSTANCE;
  }

  static void check(InsecureSecretAccess access) {
    if (access != INSTANCE) {
      throw new NullPointerException("access");
    }
  }
}
