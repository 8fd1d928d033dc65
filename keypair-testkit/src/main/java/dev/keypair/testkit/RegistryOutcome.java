package dev.keypair.testkit;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one {@link RegistryOperation} did to a registry: the values it answered with, or the code of the
 * {@link KeyPairException} it was refused with. Any other exception is not an outcome: it propagates.
 *
 * @param operation the operation applied
 * @param refusal   the refusal's code, or empty when the operation succeeded
 * @param values    what the registry answered, as each operation's Javadoc says (empty when refused)
 */
public record RegistryOutcome(RegistryOperation operation, Optional<ErrorCode> refusal, List<String> values) {

  public RegistryOutcome {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(refusal, "refusal");
    values = List.copyOf(values);
  }

  /** Whether the registry did what was asked. */
  public boolean succeeded() {
    return refusal.isEmpty();
  }

  /** The outcome of {@code call}: its values, or the code it was refused with. */
  static RegistryOutcome of(RegistryOperation operation, Supplier<List<String>> call) {
    try {
      return new RegistryOutcome(operation, Optional.empty(), call.get());
    } catch (KeyPairException e) {
      return new RegistryOutcome(operation, Optional.of(e.code()), List.of());
    }
  }

  @Override
  public String toString() {
    return operation + " -> " + refusal.map(ErrorCode::id).orElse("ok " + values);
  }
}
