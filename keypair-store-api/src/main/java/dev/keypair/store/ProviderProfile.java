package dev.keypair.store;

import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.FingerprintRule;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One provider's key-pair rules: what its Key Pairs page accepts and refuses, and with which codes.
 * A {@link KeyPairRegistry} enforces them before anything is stored, so a provisioning tool finds a
 * refusal before it calls the cloud.
 *
 * <p>The seed profiles are in {@link ProviderProfiles}; {@link #builder(String)} makes a custom one and
 * {@link #toBuilder()} derives one from a seed (AWS with a lower quota, for a test). Points that
 * ../shared/PROVIDERS.md marks as unverified [?] are settings here, with the documented value as default.
 */
public final class ProviderProfile {

  private final String id;
  private final String displayName;
  private final int quota;
  private final NamingRule naming;
  private final boolean uniqueNames;
  private final boolean uniquePublicKeys;
  private final Set<KeyType> importTypes;
  private final Map<KeyType, Set<PublicKeyFormat>> importFormats;
  private final Set<Integer> rsaImportSizes;
  private final int minRsaImportBits;
  private final Set<KeyType> createTypes;
  private final int createRsaBits;
  private final Map<CreateFormat, Map<KeyType, PrivateKeyFormat>> createFormats;
  private final FingerprintRule fingerprintRule;
  private final Function<SshPrivateKey, Fingerprint> createdFingerprint;
  private final IdShape idShape;
  private final boolean tagsSupported;
  private final int maxTags;
  private final int maxTagKeyLength;
  private final int maxTagValueLength;
  private final List<String> reservedTagPrefixes;
  private final boolean noUrlInTags;
  private final boolean wildcards;
  private final int defaultPageSize;
  private final int maxPageSize;
  private final boolean deleteIdempotent;
  private final int maxDeletePerCall;
  private final boolean deleteRefusedWhileAttached;
  private final boolean bindingSupported;
  private final boolean linuxOnly;
  private final int maxInstancesPerCall;
  private final boolean restartRequired;
  private final ProviderCodes codes;

  private ProviderProfile(Builder b) {
    this.id = b.id;
    this.displayName = b.displayName == null ? b.id : b.displayName;
    this.quota = b.quota;
    this.naming = b.naming;
    this.uniqueNames = b.uniqueNames;
    this.uniquePublicKeys = b.uniquePublicKeys;
    this.importTypes = Collections.unmodifiableSet(EnumSet.copyOf(b.importFormats.isEmpty()
        ? EnumSet.noneOf(KeyType.class) : b.importFormats.keySet()));
    Map<KeyType, Set<PublicKeyFormat>> formats = new EnumMap<>(KeyType.class);
    b.importFormats.forEach((k, v) -> formats.put(k, Collections.unmodifiableSet(EnumSet.copyOf(v))));
    this.importFormats = Collections.unmodifiableMap(formats);
    this.rsaImportSizes = Collections.unmodifiableSet(new TreeSet<>(b.rsaImportSizes));
    this.minRsaImportBits = b.minRsaImportBits;
    Map<CreateFormat, Map<KeyType, PrivateKeyFormat>> create = new EnumMap<>(CreateFormat.class);
    b.createFormats.forEach((f, m) -> create.put(f, Collections.unmodifiableMap(new EnumMap<>(m))));
    this.createFormats = Collections.unmodifiableMap(create);
    EnumSet<KeyType> ct = EnumSet.noneOf(KeyType.class);
    create.values().forEach(m -> ct.addAll(m.keySet()));
    this.createTypes = Collections.unmodifiableSet(ct);
    this.createRsaBits = b.createRsaBits;
    this.fingerprintRule = b.fingerprintRule;
    this.createdFingerprint = b.createdFingerprint;
    this.idShape = b.idShape;
    this.tagsSupported = b.tagsSupported;
    this.maxTags = b.maxTags;
    this.maxTagKeyLength = b.maxTagKeyLength;
    this.maxTagValueLength = b.maxTagValueLength;
    this.reservedTagPrefixes = List.copyOf(b.reservedTagPrefixes);
    this.noUrlInTags = b.noUrlInTags;
    this.wildcards = b.wildcards;
    this.defaultPageSize = b.defaultPageSize;
    this.maxPageSize = b.maxPageSize;
    this.deleteIdempotent = b.deleteIdempotent;
    this.maxDeletePerCall = b.maxDeletePerCall;
    this.deleteRefusedWhileAttached = b.deleteRefusedWhileAttached;
    this.bindingSupported = b.bindingSupported;
    this.linuxOnly = b.linuxOnly;
    this.maxInstancesPerCall = b.maxInstancesPerCall;
    this.restartRequired = b.restartRequired;
    this.codes = b.codes;
  }

  /** A new profile named {@code id} (lowercase letters, digits and {@code -}) with permissive defaults. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this profile's settings, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.displayName = displayName;
    b.quota = quota;
    b.naming = naming;
    b.uniqueNames = uniqueNames;
    b.uniquePublicKeys = uniquePublicKeys;
    b.importFormats.clear();
    importFormats.forEach((k, v) -> b.importFormats.put(k, EnumSet.copyOf(v)));
    b.rsaImportSizes = new TreeSet<>(rsaImportSizes);
    b.minRsaImportBits = minRsaImportBits;
    b.createFormats.clear();
    createFormats.forEach((f, m) -> b.createFormats.put(f, new EnumMap<>(m)));
    b.createRsaBits = createRsaBits;
    b.fingerprintRule = fingerprintRule;
    b.createdFingerprint = createdFingerprint;
    b.idShape = idShape;
    b.tagsSupported = tagsSupported;
    b.maxTags = maxTags;
    b.maxTagKeyLength = maxTagKeyLength;
    b.maxTagValueLength = maxTagValueLength;
    b.reservedTagPrefixes = List.copyOf(reservedTagPrefixes);
    b.noUrlInTags = noUrlInTags;
    b.wildcards = wildcards;
    b.defaultPageSize = defaultPageSize;
    b.maxPageSize = maxPageSize;
    b.deleteIdempotent = deleteIdempotent;
    b.maxDeletePerCall = maxDeletePerCall;
    b.deleteRefusedWhileAttached = deleteRefusedWhileAttached;
    b.bindingSupported = bindingSupported;
    b.linuxOnly = linuxOnly;
    b.maxInstancesPerCall = maxInstancesPerCall;
    b.restartRequired = restartRequired;
    b.codes = codes;
    return b;
  }

  /** The profile id, such as {@code aws-ec2}: the {@code --provider} of the command and a store's partition. */
  public String id() {
    return id;
  }

  /** A human name, such as {@code AWS EC2}. */
  public String displayName() {
    return displayName;
  }

  /** Most key pairs in one region ({@link Integer#MAX_VALUE}: no quota). */
  public int quota() {
    return quota;
  }

  /** The rule names follow, and when two names are one. */
  public NamingRule naming() {
    return naming;
  }

  /** Whether names are unique in a region (DigitalOcean's are free text, and keys are told apart by id). */
  public boolean uniqueNames() {
    return uniqueNames;
  }

  /** Whether the same public key may be registered only once in a region (DigitalOcean, Hetzner). */
  public boolean uniquePublicKeys() {
    return uniquePublicKeys;
  }

  /** The key types an import accepts. */
  public Set<KeyType> importTypes() {
    return importTypes;
  }

  /** The public key formats an import accepts for {@code type}; empty if the type is refused. */
  public Set<PublicKeyFormat> importFormats(KeyType type) {
    return importFormats.getOrDefault(type, Set.of());
  }

  /** The RSA sizes an import accepts exactly; empty for any size from {@link #minRsaImportBits()}. */
  public Set<Integer> rsaImportSizes() {
    return rsaImportSizes;
  }

  /** The smallest RSA key an import accepts (Azure: 2048). */
  public int minRsaImportBits() {
    return minRsaImportBits;
  }

  /** The key types the provider creates; empty if it creates none. */
  public Set<KeyType> createTypes() {
    return createTypes;
  }

  /** The size of the RSA keys the provider creates. */
  public int createRsaBits() {
    return createRsaBits;
  }

  /** The file the provider hands over for a created key of {@code type} in {@code format}, if it offers it. */
  public Optional<PrivateKeyFormat> privateKeyFormat(KeyType type, CreateFormat format) {
    return Optional.ofNullable(createFormats.getOrDefault(format, Map.of()).get(type));
  }

  /** How the provider fingerprints a registered public key. */
  public FingerprintRule fingerprintRule() {
    return fingerprintRule;
  }

  /** The fingerprint the provider shows for a key pair it created (AWS: SHA-1 of the PKCS#8 for RSA). */
  public Fingerprint createdFingerprint(SshPrivateKey key) {
    return createdFingerprint == null ? fingerprintRule.apply(key.publicKey().keyData()) : createdFingerprint.apply(key);
  }

  /**
   * A fingerprint as lookups compare it: hex fingerprints (with or without colons, any case) become
   * lowercase hex without colons, as Alibaba compares them; base64 ones are kept exactly, minus a
   * {@code SHA256:} or {@code MD5:} prefix and surrounding space.
   */
  public static String fingerprintKey(String fingerprint) {
    String s = fingerprint.strip();
    int colon = s.indexOf(':');
    if (colon > 0 && (s.regionMatches(true, 0, "SHA256:", 0, 7) || s.regionMatches(true, 0, "MD5:", 0, 4)
        || s.regionMatches(true, 0, "SHA1:", 0, 5))) {
      s = s.substring(colon + 1);
    }
    boolean hex = !s.isEmpty();
    for (int i = 0; i < s.length() && hex; i++) {
      char c = s.charAt(i);
      hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
    }
    return hex ? s.replace(":", "").toLowerCase(Locale.ROOT) : s;
  }

  /** What the provider's key-pair ids look like. */
  public IdShape idShape() {
    return idShape;
  }

  /** Whether key pairs carry tags. */
  public boolean tagsSupported() {
    return tagsSupported;
  }

  /** Most tags on one key pair. */
  public int maxTags() {
    return maxTags;
  }

  /** Longest tag key, in characters. */
  public int maxTagKeyLength() {
    return maxTagKeyLength;
  }

  /** Longest tag value, in characters. */
  public int maxTagValueLength() {
    return maxTagValueLength;
  }

  /** Tag key prefixes reserved by the provider ({@code aws:}; {@code aliyun}, {@code acs:}). */
  public List<String> reservedTagPrefixes() {
    return reservedTagPrefixes;
  }

  /** Whether tag keys and values must not start with {@code http://} or {@code https://} (Alibaba). */
  public boolean noUrlInTags() {
    return noUrlInTags;
  }

  /** Whether name patterns in listings take {@code *} wildcards. */
  public boolean wildcards() {
    return wildcards;
  }

  /** How many records a page holds when the caller does not say. */
  public int defaultPageSize() {
    return defaultPageSize;
  }

  /** The largest page size a caller may ask for (Alibaba ECS: 50). */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** Whether deleting a missing key pair succeeds (AWS) rather than being refused as not found. */
  public boolean deleteIdempotent() {
    return deleteIdempotent;
  }

  /** Most names in one delete call (Alibaba ECS: 100). */
  public int maxDeletePerCall() {
    return maxDeletePerCall;
  }

  /** Whether a key pair bound to an instance cannot be deleted (Alibaba) or can (AWS: instances keep working). */
  public boolean deleteRefusedWhileAttached() {
    return deleteRefusedWhileAttached;
  }

  /** Whether key pairs can be attached to and detached from instances. */
  public boolean bindingSupported() {
    return bindingSupported;
  }

  /** Whether only Linux instances take key pairs (Alibaba: Windows is refused). */
  public boolean linuxOnly() {
    return linuxOnly;
  }

  /** Most instances in one attach or detach call (Alibaba: 50). */
  public int maxInstancesPerCall() {
    return maxInstancesPerCall;
  }

  /** Whether a changed binding takes effect only after the instance restarts (Alibaba). */
  public boolean restartRequired() {
    return restartRequired;
  }

  /** The provider's error codes. */
  public ProviderCodes codes() {
    return codes;
  }

  @Override
  public String toString() {
    return id;
  }

  /** Builds a {@link ProviderProfile}; every setting has a permissive default. */
  public static final class Builder {
    private final String id;
    private String displayName;
    private int quota = Integer.MAX_VALUE;
    private NamingRule naming = NamingRule.freeText(255);
    private boolean uniqueNames = true;
    private boolean uniquePublicKeys;
    private final Map<KeyType, Set<PublicKeyFormat>> importFormats = new EnumMap<>(KeyType.class);
    private Set<Integer> rsaImportSizes = new TreeSet<>();
    private int minRsaImportBits = 1024;
    private final Map<CreateFormat, Map<KeyType, PrivateKeyFormat>> createFormats = new EnumMap<>(CreateFormat.class);
    private int createRsaBits = 2048;
    private FingerprintRule fingerprintRule = FingerprintRule.OPENSSH_SHA256;
    private Function<SshPrivateKey, Fingerprint> createdFingerprint;
    private IdShape idShape = IdShape.hex("kp-", 17);
    private boolean tagsSupported = true;
    private int maxTags = 50;
    private int maxTagKeyLength = 128;
    private int maxTagValueLength = 256;
    private List<String> reservedTagPrefixes = List.of();
    private boolean noUrlInTags;
    private boolean wildcards = true;
    private int defaultPageSize = Integer.MAX_VALUE;
    private int maxPageSize = Integer.MAX_VALUE;
    private boolean deleteIdempotent;
    private int maxDeletePerCall = Integer.MAX_VALUE;
    private boolean deleteRefusedWhileAttached;
    private boolean bindingSupported = true;
    private boolean linuxOnly;
    private int maxInstancesPerCall = Integer.MAX_VALUE;
    private boolean restartRequired;
    private ProviderCodes codes = ProviderCodes.generic();

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      if (!id.matches("[a-z][a-z0-9-]{0,63}")) {
        throw new IllegalArgumentException("a profile id is lowercase letters, digits and '-': " + id);
      }
      this.id = id;
      for (KeyType t : List.of(KeyType.RSA, KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521,
          KeyType.ED25519)) {
        importFormats.put(t, EnumSet.of(PublicKeyFormat.OPENSSH));
      }
    }

    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    /** Most key pairs per region; {@link Integer#MAX_VALUE} for none. */
    public Builder quota(int quota) {
      if (quota < 0) {
        throw new IllegalArgumentException("quota must be >= 0");
      }
      this.quota = quota;
      return this;
    }

    public Builder naming(NamingRule naming) {
      this.naming = Objects.requireNonNull(naming, "naming");
      return this;
    }

    public Builder uniqueNames(boolean uniqueNames) {
      this.uniqueNames = uniqueNames;
      return this;
    }

    public Builder uniquePublicKeys(boolean uniquePublicKeys) {
      this.uniquePublicKeys = uniquePublicKeys;
      return this;
    }

    /** Imports of {@code type} accept these formats (replacing what was set for it). */
    public Builder importType(KeyType type, PublicKeyFormat... formats) {
      Objects.requireNonNull(type, "type");
      this.importFormats.put(type, formats.length == 0 ? EnumSet.of(PublicKeyFormat.OPENSSH) : EnumSet.of(formats[0], formats));
      return this;
    }

    /** ECDSA on all three NIST curves, in these formats. */
    public Builder importEcdsa(PublicKeyFormat... formats) {
      for (KeyType t : List.of(KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521)) {
        importType(t, formats.length == 0 ? new PublicKeyFormat[] {PublicKeyFormat.OPENSSH} : formats);
      }
      return this;
    }

    /** Imports refuse {@code types}. */
    public Builder refuseImport(KeyType... types) {
      for (KeyType t : types) {
        importFormats.remove(t);
      }
      return this;
    }

    /** Imports refuse every ECDSA curve. */
    public Builder refuseEcdsaImport() {
      return refuseImport(KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521);
    }

    /** RSA imports accept exactly these sizes (none given: any size from the minimum). */
    public Builder rsaImportSizes(Integer... sizes) {
      this.rsaImportSizes = new TreeSet<>(List.of(sizes));
      return this;
    }

    public Builder minRsaImportBits(int bits) {
      this.minRsaImportBits = bits;
      return this;
    }

    /** Creating {@code type} in {@code format} hands over a file in {@code file}. */
    public Builder create(KeyType type, CreateFormat format, PrivateKeyFormat file) {
      createFormats.computeIfAbsent(format, f -> new EnumMap<>(KeyType.class)).put(type, file);
      return this;
    }

    /** The provider creates no key pairs. */
    public Builder noCreate() {
      createFormats.clear();
      return this;
    }

    public Builder createRsaBits(int bits) {
      this.createRsaBits = bits;
      return this;
    }

    public Builder fingerprintRule(FingerprintRule rule) {
      this.fingerprintRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** The fingerprint of a created key pair; by default the {@link #fingerprintRule} of its public key. */
    public Builder createdFingerprint(Function<SshPrivateKey, Fingerprint> rule) {
      this.createdFingerprint = Objects.requireNonNull(rule, "rule");
      return this;
    }

    public Builder idShape(IdShape idShape) {
      this.idShape = Objects.requireNonNull(idShape, "idShape");
      return this;
    }

    /** Tags: whether supported, how many, how long. */
    public Builder tags(boolean supported, int maxTags, int maxKeyLength, int maxValueLength) {
      this.tagsSupported = supported;
      this.maxTags = maxTags;
      this.maxTagKeyLength = maxKeyLength;
      this.maxTagValueLength = maxValueLength;
      return this;
    }

    public Builder reservedTagPrefixes(String... prefixes) {
      this.reservedTagPrefixes = List.of(prefixes);
      return this;
    }

    public Builder noUrlInTags(boolean noUrlInTags) {
      this.noUrlInTags = noUrlInTags;
      return this;
    }

    public Builder wildcards(boolean wildcards) {
      this.wildcards = wildcards;
      return this;
    }

    /** Page sizes: the default and the largest a caller may ask for. */
    public Builder paging(int defaultPageSize, int maxPageSize) {
      if (defaultPageSize < 1 || maxPageSize < defaultPageSize) {
        throw new IllegalArgumentException("need 1 <= default <= max");
      }
      this.defaultPageSize = defaultPageSize;
      this.maxPageSize = maxPageSize;
      return this;
    }

    /** Delete rules. */
    public Builder delete(boolean idempotent, int maxPerCall, boolean refusedWhileAttached) {
      if (maxPerCall < 1) {
        throw new IllegalArgumentException("maxPerCall must be >= 1");
      }
      this.deleteIdempotent = idempotent;
      this.maxDeletePerCall = maxPerCall;
      this.deleteRefusedWhileAttached = refusedWhileAttached;
      return this;
    }

    /** Binding rules. */
    public Builder binding(boolean supported, boolean linuxOnly, int maxInstancesPerCall, boolean restartRequired) {
      if (maxInstancesPerCall < 1) {
        throw new IllegalArgumentException("maxInstancesPerCall must be >= 1");
      }
      this.bindingSupported = supported;
      this.linuxOnly = linuxOnly;
      this.maxInstancesPerCall = maxInstancesPerCall;
      this.restartRequired = restartRequired;
      return this;
    }

    public Builder codes(ProviderCodes codes) {
      this.codes = Objects.requireNonNull(codes, "codes");
      return this;
    }

    public ProviderProfile build() {
      if (importFormats.isEmpty() && createFormats.isEmpty()) {
        throw new IllegalStateException("a profile must accept some key type, by import or create");
      }
      return new ProviderProfile(this);
    }
  }
}
