package dev.keypair.store;

/** How a key pair came into a registry. */
public enum KeyOrigin {
  /** The provider generated it and handed over the private key once. */
  CREATED("created"),
  /** The caller registered a public key it already had. */
  IMPORTED("imported");

  private final String label;

  KeyOrigin(String label) {
    this.label = label;
  }

  /** {@code created} or {@code imported}, as records print it. */
  public String label() {
    return label;
  }

  /** The origin with this label. */
  public static KeyOrigin fromLabel(String label) {
    for (KeyOrigin o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown origin " + label);
  }
}
