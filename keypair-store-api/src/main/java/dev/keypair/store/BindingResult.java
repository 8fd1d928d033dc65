package dev.keypair.store;

import dev.keypair.core.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an attach or detach for one instance: providers bind up to 50 instances per call and
 * report each one, so one refused instance does not undo the others.
 *
 * @param instanceId the instance
 * @param error      the provider's code, empty on success
 * @param message    what happened, one line
 */
public record BindingResult(String instanceId, Optional<ErrorCode> error, String message) {

  public BindingResult {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the binding changed (or already was as asked). */
  public boolean succeeded() {
    return error.isEmpty();
  }

  static BindingResult ok(String instanceId, String message) {
    return new BindingResult(instanceId, Optional.empty(), message);
  }

  static BindingResult refused(String instanceId, ErrorCode code, String message) {
    return new BindingResult(instanceId, Optional.of(code), message);
  }
}
