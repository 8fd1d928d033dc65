package dev.keypair.store;

/** Whether an instance runs. A key pair attached to a stopped instance takes effect when it starts. */
public enum InstanceState {
  RUNNING("running"),
  STOPPED("stopped");

  private final String label;

  InstanceState(String label) {
    this.label = label;
  }

  /** {@code running} or {@code stopped}. */
  public String label() {
    return label;
  }

  /** The state with this label. */
  public static InstanceState fromLabel(String label) {
    for (InstanceState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown instance state " + label);
  }
}
