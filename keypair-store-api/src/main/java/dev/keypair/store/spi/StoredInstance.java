package dev.keypair.store.spi;

import java.util.Objects;

/**
 * One instance as a store keeps it, with its key-pair binding.
 *
 * <p>The binding has two sides, as on a cloud: {@code keyPairId}/{@code keyPairName} is what the
 * console says is bound (it changes when attach or detach is called), {@code servedPublicKey} is
 * what the instance's {@code authorized_keys} holds now (it changes when the instance restarts,
 * or at once where the provider needs no restart). {@code restartPending} says they differ.
 *
 * @param id              the instance id, unique in the scope
 * @param os              {@code linux} or {@code windows}
 * @param state           {@code running} or {@code stopped}
 * @param keyPairId       the id of the bound key pair, or {@code null}
 * @param keyPairName     the name of the bound key pair, or {@code null}
 * @param pendingPublicKey the OpenSSH line (key-pair name as comment) the instance serves after its next
 *                        restart, or {@code null} for none
 * @param servedPublicKey the OpenSSH line (key-pair name as comment) the instance serves now, or {@code null}
 * @param restartPending  whether the bound key takes effect only after a restart
 * @param version         incremented by every change; {@link KeyPairStore#replaceInstance} compares it
 */
public record StoredInstance(String id, String os, String state, String keyPairId, String keyPairName,
    String pendingPublicKey, String servedPublicKey, boolean restartPending, long version) {

  public StoredInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(state, "state");
    if ((keyPairId == null) != (keyPairName == null)) {
      throw new IllegalArgumentException("keyPairId and keyPairName are set together");
    }
  }
}
