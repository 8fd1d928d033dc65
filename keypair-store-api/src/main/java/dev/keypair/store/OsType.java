package dev.keypair.store;

/** The operating system of an instance; some providers bind key pairs to Linux instances only. */
public enum OsType {
  LINUX("linux"),
  WINDOWS("windows");

  private final String label;

  OsType(String label) {
    this.label = label;
  }

  /** {@code linux} or {@code windows}. */
  public String label() {
    return label;
  }

  /** The OS with this label. */
  public static OsType fromLabel(String label) {
    for (OsType o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown OS " + label);
  }
}
