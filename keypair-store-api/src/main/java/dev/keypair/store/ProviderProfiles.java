package dev.keypair.store;

import dev.keypair.core.KeyType;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.FingerprintRule;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed provider profiles, from ../shared/PROVIDERS.md. Each is immutable; derive a variant with
 * {@link ProviderProfile#toBuilder()}.
 */
public final class ProviderProfiles {

  private ProviderProfiles() {}

  /**
   * AWS EC2 key pairs, per region. Quota 5,000 ({@code KeyPairLimitExceeded}); names of 1 to 255 ASCII
   * characters, case-sensitive [?]; create makes 2048-bit RSA (PKCS#1 PEM, or PPK) or Ed25519 (OpenSSH
   * private key, or PPK), fingerprinted as SHA-1 of the PKCS#8 (RSA) or padded base64 SHA-256 (Ed25519);
   * import takes RSA of 1024, 2048 or 4096 bits as an OpenSSH line, Base64 DER or RFC 4716, and Ed25519
   * as an OpenSSH line, fingerprinted as MD5 of the DER (RSA); DSA and ECDSA are refused
   * ({@code InvalidKeyPair.Format}). Delete is idempotent and instances keep their key. Ids are
   * {@code key-} and 17 hex digits.
   *
   * <p>EC2 binds a key pair when an instance launches ({@code KeyName}) and has no call to change it;
   * here attach models that launch-time binding: immediate, one key per instance, Linux and Windows
   * alike (Windows uses it to decrypt the password). The PPK version AWS hands over is not documented [?];
   * the default is version 2, which every PuTTY reads.
   */
  public static final ProviderProfile AWS_EC2 = ProviderProfile.builder("aws-ec2")
      .displayName("AWS EC2")
      .quota(5000)
      .naming(NamingRule.awsEc2(true))
      .importType(KeyType.RSA, PublicKeyFormat.OPENSSH, PublicKeyFormat.DER_BASE64, PublicKeyFormat.RFC4716)
      .importType(KeyType.ED25519, PublicKeyFormat.OPENSSH)
      .refuseEcdsaImport()
      .rsaImportSizes(1024, 2048, 4096)
      .create(KeyType.RSA, CreateFormat.PEM, PrivateKeyFormat.PEM)
      .create(KeyType.ED25519, CreateFormat.PEM, PrivateKeyFormat.OPENSSH)
      .create(KeyType.RSA, CreateFormat.PPK, PrivateKeyFormat.PPK2)
      .create(KeyType.ED25519, CreateFormat.PPK, PrivateKeyFormat.PPK2)
      .createRsaBits(2048)
      .fingerprintRule(FingerprintRule.AWS_IMPORTED)
      .createdFingerprint(AwsFingerprints::created)
      .idShape(IdShape.hex("key-", 17))
      .tags(true, 50, 128, 256)
      .reservedTagPrefixes("aws:")
      .wildcards(true)
      .delete(true, 1, false)
      .binding(true, false, Integer.MAX_VALUE, false)
      .codes(ProviderCodes.awsEc2())
      .build();

  /**
   * Alibaba Cloud ECS key pairs, per region. Quota 500 ({@code QuotaExceed.KeyPair}); names per
   * {@link NamingRule#alibabaEcs(boolean)} ({@code .} off [?]); create makes 2048-bit RSA handed over as
   * PKCS#8 (the documentation says PKCS#8, samples show PKCS#1 [?]); import takes RSA, DSA and ECDSA
   * OpenSSH lines (Ed25519 is not listed [?]: refused by default; certificates, which older documents
   * list, are refused); fingerprint MD5 of the SSH blob in colon hex, compared ignoring colons and case.
   * Listing takes {@code *} wildcards and pages of up to 50 (default 10); up to 20 tags, keys not starting
   * with {@code aliyun} or {@code acs:}, no {@code http(s)://}. Delete takes up to 100 names and is refused
   * while a key pair is attached. Attach and detach: Linux only, up to 50 instances per call with a result
   * each, one key per instance (a new one replaces the old), in effect after a restart.
   */
  public static final ProviderProfile ALIBABA_ECS = alibabaEcs(false, false);

  /**
   * Alibaba Cloud Simple Application Server, per region: quota 10; names of 2 to 64 characters as ECS;
   * create makes 2048-bit RSA handed over as PKCS#8; import accepts only 2048-bit RSA (what the server
   * console takes; the API's list "as ECS" is unverified [?]); attach and detach as ECS; delete after
   * unbinding. Listing pages of up to 100.
   */
  public static final ProviderProfile ALIBABA_SWAS = ProviderProfile.builder("alibaba-swas")
      .displayName("Alibaba Cloud Simple Application Server")
      .quota(10)
      .naming(NamingRule.alibabaSwas())
      .refuseEcdsaImport()
      .refuseImport(KeyType.ED25519)
      .importType(KeyType.RSA, PublicKeyFormat.OPENSSH)
      .rsaImportSizes(2048)
      .create(KeyType.RSA, CreateFormat.PEM, PrivateKeyFormat.PKCS8)
      .createRsaBits(2048)
      .fingerprintRule(FingerprintRule.MD5_HEX_COLONS)
      .idShape(IdShape.hex("kp-", 20))
      .tags(true, 20, 128, 128)
      .reservedTagPrefixes("aliyun", "acs:")
      .noUrlInTags(true)
      .wildcards(false)
      .paging(10, 100)
      .delete(false, 100, true)
      .binding(true, true, 50, true)
      .codes(ProviderCodes.alibaba())
      .build();

  /**
   * OpenStack Nova: names per {@link NamingRule#openstackNova(boolean)} (before microversion 2.92), quota
   * 100 (per user; here per region), create makes 2048-bit RSA as PKCS#1 PEM, import takes RSA, ECDSA,
   * Ed25519 and DSA lines, fingerprint MD5 of the SSH blob in colon hex. No tags, no binding calls
   * (a key is injected at boot).
   */
  public static final ProviderProfile OPENSTACK_NOVA = ProviderProfile.builder("openstack-nova")
      .displayName("OpenStack Nova")
      .quota(100)
      .naming(NamingRule.openstackNova(false))
      .importType(KeyType.DSA, PublicKeyFormat.OPENSSH)
      .create(KeyType.RSA, CreateFormat.PEM, PrivateKeyFormat.PEM)
      .createRsaBits(2048)
      .fingerprintRule(FingerprintRule.MD5_HEX_COLONS)
      .idShape(IdShape.decimal(8))
      .tags(false, 0, 0, 0)
      .wildcards(false)
      .delete(false, 1, false)
      .binding(true, false, Integer.MAX_VALUE, false)
      .build();

  /**
   * DigitalOcean SSH keys: names are free text (not unique: keys are told apart by id or fingerprint),
   * the same public key only once per account, no quota, import only (RSA, ECDSA, Ed25519 lines),
   * fingerprint MD5 of the SSH blob in colon hex, numeric ids.
   */
  public static final ProviderProfile DIGITALOCEAN = ProviderProfile.builder("digitalocean")
      .displayName("DigitalOcean")
      .naming(NamingRule.freeText(255))
      .uniqueNames(false)
      .uniquePublicKeys(true)
      .fingerprintRule(FingerprintRule.MD5_HEX_COLONS)
      .idShape(IdShape.decimal(8))
      .tags(false, 0, 0, 0)
      .wildcards(false)
      .delete(false, 1, false)
      .binding(true, false, Integer.MAX_VALUE, false)
      .build();

  /**
   * Hetzner Cloud SSH keys: names unique per project, the same public key only once, no quota, import
   * only (RSA, ECDSA, Ed25519 lines), labels as tags, fingerprint MD5 of the SSH blob in colon hex,
   * numeric ids.
   */
  public static final ProviderProfile HETZNER = ProviderProfile.builder("hetzner")
      .displayName("Hetzner Cloud")
      .naming(NamingRule.freeText(255))
      .uniquePublicKeys(true)
      .fingerprintRule(FingerprintRule.MD5_HEX_COLONS)
      .idShape(IdShape.decimal(8))
      .tags(true, 64, 63, 63)
      .wildcards(false)
      .delete(false, 1, false)
      .binding(true, false, Integer.MAX_VALUE, false)
      .build();

  private static final Map<String, ProviderProfile> BY_ID = new LinkedHashMap<>();

  static {
    for (ProviderProfile p : List.of(AWS_EC2, ALIBABA_ECS, ALIBABA_SWAS, OPENSTACK_NOVA, DIGITALOCEAN, HETZNER)) {
      BY_ID.put(p.id(), p);
    }
  }

  /**
   * Alibaba Cloud ECS with its unverified points chosen: {@code allowDot} lets names hold {@code .},
   * {@code ed25519} lets imports take Ed25519 keys.
   */
  public static ProviderProfile alibabaEcs(boolean allowDot, boolean ed25519) {
    ProviderProfile.Builder b = ProviderProfile.builder("alibaba-ecs")
        .displayName("Alibaba Cloud ECS")
        .quota(500)
        .naming(NamingRule.alibabaEcs(allowDot))
        .importType(KeyType.RSA, PublicKeyFormat.OPENSSH)
        .importType(KeyType.DSA, PublicKeyFormat.OPENSSH)
        .importEcdsa(PublicKeyFormat.OPENSSH)
        .create(KeyType.RSA, CreateFormat.PEM, PrivateKeyFormat.PKCS8)
        .createRsaBits(2048)
        .fingerprintRule(FingerprintRule.MD5_HEX_COLONS)
        .idShape(IdShape.hex("kp-", 20))
        .tags(true, 20, 128, 128)
        .reservedTagPrefixes("aliyun", "acs:")
        .noUrlInTags(true)
        .wildcards(true)
        .paging(10, 50)
        .delete(false, 100, true)
        .binding(true, true, 50, true)
        .codes(ProviderCodes.alibaba());
    if (!ed25519) {
      b.refuseImport(KeyType.ED25519);
    }
    return b.build();
  }

  /** The seed profiles, in the order the command lists them. */
  public static List<ProviderProfile> all() {
    return List.copyOf(BY_ID.values());
  }

  /** The seed profile with this id ({@code aws-ec2}, {@code alibaba-ecs}, ...). */
  public static Optional<ProviderProfile> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }
}
