package dev.keypair.core;

/**
 * A key of an algorithm keypair does not know (say {@code ssh-ed448}, or a future certificate
 * version), kept byte for byte so that it still round-trips through every format that carries a
 * blob, and can be fingerprinted. Its {@link #bits()} is 0 since keypair cannot tell.
 *
 * <pre>
 * string  name                      printable US-ASCII, at most 256 bytes
 * byte[]  rest                      not interpreted
 * </pre>
 */
public final class OpaqueKeyData extends AbstractKeyData implements KeyData {

  private final String name;

  private OpaqueKeyData(String name, byte[] blob) {
    super(blob);
    this.name = name;
  }

  static OpaqueKeyData decoded(String name, byte[] blob) {
    return new OpaqueKeyData(name, blob);
  }

  @Override
  public KeyType type() {
    return KeyType.UNKNOWN;
  }

  @Override
  public String algorithmName() {
    return name;
  }

  @Override
  public int bits() {
    return 0;
  }

  /** The algorithm name, since no label is known. */
  @Override
  public String label() {
    return name;
  }
}
