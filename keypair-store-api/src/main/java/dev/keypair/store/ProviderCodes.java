package dev.keypair.store;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.ErrorCode.Category;
import java.util.Objects;

/**
 * The error codes a provider answers with, so that a registry refuses with the code a script written
 * against that cloud already expects. Refusals by a rule are {@link Category#POLICY} (the command exits 4);
 * a key that is not a key at all is {@link Category#INPUT} (exit 3).
 *
 * @param duplicateName      a key pair with this name exists ({@code InvalidKeyPair.Duplicate})
 * @param duplicatePublicKey the same public key is registered already (DigitalOcean, Hetzner)
 * @param quotaExceeded      the region holds its quota ({@code KeyPairLimitExceeded})
 * @param nameMalformed      the name breaks the naming rule
 * @param notFound           no key pair with this name or id ({@code InvalidKeyPair.NotFound})
 * @param keyMalformed       the key material cannot be read (category INPUT)
 * @param keyRefused         the key is well formed but of a type, size or format the provider does not accept
 * @param tagInvalid         a tag breaks the provider's tag rules
 * @param invalidParameter   anything else the request gets wrong: page size, page token, too many names
 * @param unsupported        an operation the provider does not offer (creating keys on DigitalOcean)
 * @param instanceNotFound   no instance with this id
 * @param windowsInstance    a key pair bound to a Windows instance ({@code DependencyViolation.WindowsInstance})
 * @param attached           a key pair deleted while bound ({@code InvalidParameter.KeypairAlreadyAttachedInstance})
 * @param notBound           a detach of a key pair that is not bound to the instance
 */
public record ProviderCodes(ErrorCode duplicateName, ErrorCode duplicatePublicKey, ErrorCode quotaExceeded,
    ErrorCode nameMalformed, ErrorCode notFound, ErrorCode keyMalformed, ErrorCode keyRefused, ErrorCode tagInvalid,
    ErrorCode invalidParameter, ErrorCode unsupported, ErrorCode instanceNotFound, ErrorCode windowsInstance,
    ErrorCode attached, ErrorCode notBound) {

  public ProviderCodes {
    for (ErrorCode c : new ErrorCode[] {duplicateName, duplicatePublicKey, quotaExceeded, nameMalformed, notFound,
        keyMalformed, keyRefused, tagInvalid, invalidParameter, unsupported, instanceNotFound, windowsInstance,
        attached, notBound}) {
      Objects.requireNonNull(c, "every code is required");
    }
  }

  static ErrorCode policy(String id) {
    return ErrorCode.of(id, Category.POLICY);
  }

  static ErrorCode input(String id) {
    return ErrorCode.of(id, Category.INPUT);
  }

  /** AWS EC2's codes. */
  public static ProviderCodes awsEc2() {
    return new ProviderCodes(policy("InvalidKeyPair.Duplicate"), policy("InvalidKeyPair.Duplicate"),
        policy("KeyPairLimitExceeded"), policy("InvalidParameterValue"), policy("InvalidKeyPair.NotFound"),
        input("InvalidKey.Format"), policy("InvalidKeyPair.Format"), policy("InvalidParameterValue"),
        policy("InvalidParameterValue"), policy("UnsupportedOperation"), policy("InvalidInstanceID.NotFound"),
        policy("UnsupportedOperation"), policy("InvalidParameterValue"), policy("InvalidParameterValue"));
  }

  /** Alibaba Cloud ECS's codes (Simple Application Server uses the same for the same refusals). */
  public static ProviderCodes alibaba() {
    return new ProviderCodes(policy("KeyPair.AlreadyExist"), policy("KeyPair.AlreadyExist"),
        policy("QuotaExceed.KeyPair"), policy("InvalidKeyPairName.Malformed"), policy("InvalidKeyPairName.NotFound"),
        input("InvalidPublicKeyBody.Malformed"), policy("InvalidPublicKeyBody.Malformed"),
        policy("InvalidTagKey.Malformed"), policy("InvalidParameter"), policy("OperationDenied"),
        policy("InvalidInstanceId.NotFound"), policy("DependencyViolation.WindowsInstance"),
        policy("InvalidParameter.KeypairAlreadyAttachedInstance"), policy("InvalidParameter.KeyPairNotAttached"));
  }

  /**
   * Codes for a provider whose API answers with HTTP statuses and free text (OpenStack, DigitalOcean,
   * Hetzner): keypair's own names for each refusal.
   */
  public static ProviderCodes generic() {
    return new ProviderCodes(policy("KeyPair.Duplicate"), policy("KeyPair.PublicKeyInUse"),
        policy("KeyPair.QuotaExceeded"), policy("KeyPair.InvalidName"), policy("KeyPair.NotFound"),
        input("InvalidKey.Format"), policy("KeyPair.KeyRefused"), policy("KeyPair.InvalidTag"),
        policy("KeyPair.InvalidParameter"), policy("KeyPair.Unsupported"), policy("Instance.NotFound"),
        policy("Instance.Windows"), policy("KeyPair.Attached"), policy("KeyPair.NotAttached"));
  }
}
