package dev.keypair.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance that key pairs bind to, as a registry describes it.
 *
 * @param id             the instance id
 * @param os             Linux or Windows
 * @param state          running or stopped
 * @param keyPairName    the key pair the console says is bound, if any (changed by attach and detach at once)
 * @param servedPublicKey the OpenSSH line (key-pair name as comment) that the instance's {@code authorized_keys}
 *                       and metadata hold now, if any
 * @param restartPending whether the binding changed and the instance serves the new state only after a restart
 */
public record Instance(String id, OsType os, InstanceState state, Optional<String> keyPairName,
    Optional<String> servedPublicKey, boolean restartPending) {

  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(keyPairName, "keyPairName");
    Objects.requireNonNull(servedPublicKey, "servedPublicKey");
  }

  /**
   * The {@code authorized_keys} file the instance serves now: the bound key's line and a line end, or
   * nothing when no key is in effect (a provider then falls back to password login).
   */
  public String authorizedKeys() {
    return servedPublicKey.map(l -> l + "\n").orElse("");
  }

  /**
   * What the instance metadata service returns for {@code public-keys/0/openssh-key} (AWS): the
   * same line as {@link #authorizedKeys()}, or empty when no key is in effect.
   */
  public Optional<String> metadataOpenSshKey() {
    return servedPublicKey.map(l -> l + "\n");
  }
}
