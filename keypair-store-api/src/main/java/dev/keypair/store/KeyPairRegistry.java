package dev.keypair.store;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SecretBytes;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One region's key-pair registry under one provider's rules: a cloud console's Key Pairs page as a
 * library. Create (the private key is handed over once and never stored), import, describe and list,
 * tag, delete, and bind key pairs to instances, with the provider's quota, naming rule, accepted key
 * types, sizes and formats, fingerprint rule and binding rules, refusing with the provider's own codes
 * ({@link ProviderProfile#codes()}) before anything is stored.
 *
 * <pre>{@code
 * try (KeyPairStore store = InMemoryKeyPairStore.create()) {
 *   KeyPairRegistry ec2 = KeyPairRegistry.open(store, ProviderProfiles.AWS_EC2, Region.of("eu-west-1"));
 *   try (CreatedKeyPair kp = ec2.create("deploy", KeyType.RSA, CreateFormat.PEM, Map.of())) {
 *     kp.writePrivateKey(Path.of("deploy.pem"), KeyFiles.WriteOptions.safe());
 *     System.out.println(kp.record().fingerprint());  // SHA-1 of the PKCS#8, as the EC2 console shows it
 *   }
 * }
 * }</pre>
 *
 * <p>All policy is checked here, once; the {@link KeyPairStore} below makes the quota and name
 * uniqueness atomic, so they hold under concurrent callers (and, for a shared store, across processes).
 * Time comes from the injected {@link Clock} and ids from the injected {@link IdGenerator}. A registry
 * is safe for concurrent use; it holds no state but its settings and the public keys it has read back
 * from the store, by their stored text (a parse is a function of the text, so a key read again is the
 * key parsed before; at most {@value #PARSED_KEYS}, enough for EC2's quota of 5,000 a region).
 */
public final class KeyPairRegistry {

  private static final int ID_ATTEMPTS = 8;
  private static final int CAS_ATTEMPTS = 64;
  private static final int SCAN_BATCH = 256;
  /** Most public keys kept parsed; past it, the map starts again empty. */
  static final int PARSED_KEYS = 8192;

  private final KeyPairStore store;
  private final ProviderProfile profile;
  private final Region region;
  private final Scope scope;
  private final Clock clock;
  private final IdGenerator ids;
  private final KeyGenerator keyGenerator;
  private final KeyPairLimits limits;
  private final ProviderCodes codes;
  private final Map<String, SshPublicKey> parsed = new ConcurrentHashMap<>();

  private KeyPairRegistry(Builder b) {
    this.store = b.store;
    this.profile = b.profile;
    this.region = b.region;
    this.scope = new Scope(b.profile.id(), b.region.id());
    this.clock = b.clock;
    this.ids = b.ids;
    this.keyGenerator = b.keyGenerator;
    this.limits = b.limits;
    this.codes = b.profile.codes();
  }

  /** The registry of {@code profile} in {@code region}, kept in {@code store}, with the system clock and random ids. */
  public static KeyPairRegistry open(KeyPairStore store, ProviderProfile profile, Region region) {
    return builder(store, profile, region).build();
  }

  /** A builder, to inject the clock, the id source, the key generator or the limits. */
  public static Builder builder(KeyPairStore store, ProviderProfile profile, Region region) {
    return new Builder(store, profile, region);
  }

  /** The provider profile whose rules this registry enforces. */
  public ProviderProfile profile() {
    return profile;
  }

  /** The region. */
  public Region region() {
    return region;
  }

  // ------------------------------------------------------------------------------------------ create

  /** {@link #create(String, KeyType, CreateFormat, Map)} of an RSA key pair in the provider's text format. */
  public CreatedKeyPair create(String name) {
    return create(name, KeyType.RSA, CreateFormat.PEM, Map.of());
  }

  /**
   * The provider creates a key pair: generated here (RSA of {@link ProviderProfile#createRsaBits()}, or
   * Ed25519), registered with the provider's fingerprint for created keys, and handed over once in the
   * file format the profile gives for {@code type} and {@code format}. The private key is not stored.
   *
   * @throws KeyPairException with the provider's code: name malformed, duplicate, quota exceeded, a type
   *     or format the provider does not create, bad tags
   */
  public CreatedKeyPair create(String name, KeyType type, CreateFormat format, Map<String, String> tags) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(format, "format");
    checkName(name);
    Map<String, String> checkedTags = checkTags(tags);
    if (profile.createTypes().isEmpty()) {
      throw new KeyPairException(codes.unsupported(), profile.displayName() + " does not create key pairs; import one");
    }
    if (!profile.createTypes().contains(type)) {
      throw new KeyPairException(codes.invalidParameter(), profile.displayName() + " creates "
          + families(profile.createTypes()) + " key pairs, not " + type.family());
    }
    PrivateKeyFormat file = profile.privateKeyFormat(type, format).orElseThrow(() -> new KeyPairException(
        codes.invalidParameter(), profile.displayName() + " does not hand over " + type.family() + " keys as "
            + format.label()));
    precheckInsert(name);
    int bits = type == KeyType.RSA ? profile.createRsaBits() : type.fixedBits();
    SshPrivateKey key = keyGenerator.generate(type, bits, Comment.of(name));
    byte[] encoded = null;
    try {
      encoded = PrivateKeys.encode(key, file, KeyProtection.none(InsecureSecretAccess.get()));
      String fingerprint = profile.createdFingerprint(key).value();
      SshPublicKey pub = key.publicKey();
      StoredKeyPair stored = insert(name, pub, fingerprint, KeyOrigin.CREATED, checkedTags);
      return new CreatedKeyPair(toRecord(stored), file, SecretBytes.copyOf(encoded));
    } finally {
      key.destroy();
      if (encoded != null) {
        java.util.Arrays.fill(encoded, (byte) 0);
      }
    }
  }

  // ------------------------------------------------------------------------------------------ import

  /**
   * Imports the public key in {@code content}, in any format keypair reads, if the provider accepts its
   * format, type and size. A private key file is refused: use {@link #importFromPrivateKey}.
   *
   * @throws KeyPairException the provider's malformed-key code (category INPUT) when the content is not a
   *     readable public key; its refused-key code when the provider does not take this format, type or size;
   *     name, duplicate, quota and tag codes as {@link #create}
   */
  public KeyPairRecord importPublicKey(String name, byte[] content, Map<String, String> tags) {
    Objects.requireNonNull(content, "content");
    checkName(name);
    Map<String, String> checkedTags = checkTags(tags);
    if (PrivateKeys.detect(content).isPresent()) {
      throw new KeyPairException(codes.keyRefused(),
          "this is a private key file; import its public key, or import from the private key explicitly");
    }
    DecodedPublicKey decoded;
    try {
      decoded = PublicKeys.decode(content, limits);
    } catch (KeyPairException e) {
      throw malformed(e);
    }
    if (decoded.format() == KeyFormat.AUTHORIZED_KEYS) {
      throw new KeyPairException(codes.keyRefused(),
          "expected one public key; this is an authorized_keys line with options, comment lines or several keys");
    }
    return importKey(name, decoded.key(), decoded.format().publicFormat(), checkedTags);
  }

  /**
   * Imports the public half of the private key in {@code content} (decrypted with {@code passphrase}
   * when it is encrypted; {@code null} for none), as if its OpenSSH public line had been imported.
   */
  public KeyPairRecord importFromPrivateKey(String name, byte[] content, Passphrase passphrase,
      Map<String, String> tags) {
    Objects.requireNonNull(content, "content");
    checkName(name);
    Map<String, String> checkedTags = checkTags(tags);
    SshPublicKey pub;
    try {
      DecodedPrivateKey decoded = PrivateKeys.decode(content, passphrase, limits);
      pub = decoded.publicKey();
      decoded.privateKey().ifPresent(SshPrivateKey::destroy);
    } catch (KeyPairException e) {
      if (e.code().equals(ErrorCode.WRONG_PASSPHRASE) || e.code().equals(ErrorCode.PASSPHRASE_REQUIRED)) {
        throw e;
      }
      throw malformed(e);
    }
    return importKey(name, pub, PublicKeyFormat.OPENSSH, checkedTags);
  }

  /**
   * Imports {@code key} as if it had arrived in {@code format} (which decides acceptance: AWS takes RSA
   * as Base64 DER but Ed25519 only as an OpenSSH line).
   */
  public KeyPairRecord importKey(String name, SshPublicKey key, PublicKeyFormat format, Map<String, String> tags) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(format, "format");
    checkName(name);
    Map<String, String> checkedTags = checkTags(tags);
    checkAccepted(key, format);
    String fingerprint = profile.fingerprintRule().apply(key.keyData()).value();
    return toRecord(insert(name, key, fingerprint, KeyOrigin.IMPORTED, checkedTags));
  }

  private void checkAccepted(SshPublicKey key, PublicKeyFormat format) {
    if (key.keyData().isCertificate()) {
      throw new KeyPairException(codes.keyRefused(), profile.displayName() + " does not accept certificates");
    }
    KeyType type = key.type();
    if (!profile.importTypes().contains(type)) {
      throw new KeyPairException(codes.keyRefused(), profile.displayName() + " does not accept "
          + (type == KeyType.UNKNOWN ? "this key type" : type.family() + " keys") + "; it accepts "
          + families(profile.importTypes()));
    }
    if (!profile.importFormats(type).contains(format)) {
      throw new KeyPairException(codes.keyRefused(), profile.displayName() + " does not accept " + type.family()
          + " keys as " + format.cliName() + "; it accepts them as " + formats(profile.importFormats(type)));
    }
    if (type == KeyType.RSA) {
      int bits = key.bits();
      if (!profile.rsaImportSizes().isEmpty() ? !profile.rsaImportSizes().contains(bits)
          : bits < profile.minRsaImportBits()) {
        throw new KeyPairException(codes.keyRefused(), profile.displayName() + " does not accept " + bits
            + "-bit RSA keys; it accepts " + (profile.rsaImportSizes().isEmpty()
                ? "at least " + profile.minRsaImportBits() + " bits" : profile.rsaImportSizes() + " bits"));
      }
    }
  }

  private KeyPairException malformed(KeyPairException e) {
    String message = e.code().id().equals(codes.keyMalformed().id()) ? e.getMessage()
        : e.getMessage() + " (" + e.code().id() + ")";
    return new KeyPairException(codes.keyMalformed(), message, e);
  }

  // ---------------------------------------------------------------------------------- insert (atomic)

  /** Cheap refusals before an expensive key generation; the conditional insert decides for real. */
  private void precheckInsert(String name) {
    if (profile.uniqueNames() && store.keyPairByNameKey(scope, profile.naming().uniquenessKey(name)).isPresent()) {
      throw duplicate(name);
    }
    if (store.countKeyPairs(scope) >= profile.quota()) {
      throw quotaExceeded();
    }
  }

  private StoredKeyPair insert(String name, SshPublicKey key, String fingerprint, KeyOrigin origin,
      Map<String, String> tags) {
    SshPublicKey bare = key.withComment(Comment.none());
    String line = Registries.openSshLine(bare);
    String publicKeyKey = profile.uniquePublicKeys() ? sha256(bare.blob().toByteArray()) : null;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      String id = ids.next(profile.idShape());
      String nameKey = profile.uniqueNames() ? profile.naming().uniquenessKey(name)
          : profile.naming().uniquenessKey(name) + "\u0000" + id;
      StoredKeyPair stored = new StoredKeyPair(id, name, nameKey, key.type().family(), key.bits(), fingerprint,
          ProviderProfile.fingerprintKey(fingerprint), origin.label(), now, tags, line, publicKeyKey);
      switch (store.insertKeyPair(scope, stored, profile.quota())) {
        case INSERTED:
          return stored;
        case ID_TAKEN:
          continue;
        case NAME_TAKEN:
          throw duplicate(name);
        case PUBLIC_KEY_TAKEN:
          throw new KeyPairException(codes.duplicatePublicKey(),
              "this public key is registered already in " + region + " (" + fingerprint + ")");
        case QUOTA_EXCEEDED:
          throw quotaExceeded();
        default:
          throw new IllegalStateException();
      }
    }
    throw new KeyPairException(ErrorCode.INTERNAL, "the id source gave " + ID_ATTEMPTS + " ids already in use");
  }

  private KeyPairException duplicate(String name) {
    return new KeyPairException(codes.duplicateName(),
        "the key pair name '" + name + "' already exists in " + region);
  }

  private KeyPairException quotaExceeded() {
    return new KeyPairException(codes.quotaExceeded(),
        "the region " + region + " holds its quota of " + profile.quota() + " key pairs");
  }

  // ---------------------------------------------------------------------------------------- describe

  /** The key pair with this name, if any. */
  public Optional<KeyPairRecord> find(String name) {
    Objects.requireNonNull(name, "name");
    return byName(name).map(this::toRecord);
  }

  /** The key pair with this id, if any. */
  public Optional<KeyPairRecord> findById(String id) {
    Objects.requireNonNull(id, "id");
    return store.keyPairById(scope, id).map(this::toRecord);
  }

  /**
   * The key pair with this name.
   *
   * @throws KeyPairException the provider's not-found code
   */
  public KeyPairRecord describe(String name) {
    return find(name).orElseThrow(() -> notFound("name", name));
  }

  /**
   * The key pair with this id.
   *
   * @throws KeyPairException the provider's not-found code
   */
  public KeyPairRecord describeById(String id) {
    return findById(id).orElseThrow(() -> notFound("id", id));
  }

  /**
   * The key pairs whose fingerprint is {@code fingerprint} in the provider's spelling (hex compared
   * ignoring colons and case): an index lookup, not a scan.
   */
  public List<KeyPairRecord> findByFingerprint(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return store.keyPairsByFingerprintKey(scope, ProviderProfile.fingerprintKey(fingerprint)).stream()
        .map(this::toRecord).toList();
  }

  /** How many key pairs the region holds. */
  public int count() {
    return store.countKeyPairs(scope);
  }

  /**
   * One page of the key pairs {@code query} selects, ordered by name.
   *
   * @throws KeyPairException the provider's not-found code for a listed name or id that does not exist;
   *     its invalid-parameter code for a page size over the profile's maximum or a bad page token
   */
  public Page<KeyPairRecord> list(KeyPairQuery query) {
    Objects.requireNonNull(query, "query");
    if (!query.names().isEmpty() || !query.ids().isEmpty()) {
      List<StoredKeyPair> found = new ArrayList<>();
      for (String n : query.names()) {
        found.add(byName(n).orElseThrow(() -> notFound("name", n)));
      }
      for (String i : query.ids()) {
        found.add(store.keyPairById(scope, i).orElseThrow(() -> notFound("id", i)));
      }
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      List<KeyPairRecord> out = new ArrayList<>();
      found.stream().sorted(java.util.Comparator.comparing(StoredKeyPair::nameKey))
          .filter(k -> seen.add(k.id())).filter(k -> matches(k, query)).forEach(k -> out.add(toRecord(k)));
      return new Page<>(out, Optional.empty());
    }
    int pageSize = query.pageSize().orElse(profile.defaultPageSize());
    if (pageSize < 1 || pageSize > profile.maxPageSize()) {
      throw new KeyPairException(codes.invalidParameter(), profile.maxPageSize() == Integer.MAX_VALUE
          ? "the page size must be at least 1, not " + pageSize
          : "the page size must be 1 to " + profile.maxPageSize() + ", not " + pageSize);
    }
    String after = query.pageToken().map(this::decodeToken).orElse(null);
    List<StoredKeyPair> matched = new ArrayList<>();
    if (query.fingerprint().isPresent()) {
      for (StoredKeyPair k : store.keyPairsByFingerprintKey(scope,
          ProviderProfile.fingerprintKey(query.fingerprint().get()))) {
        if ((after == null || k.nameKey().compareTo(after) > 0) && matches(k, query)) {
          matched.add(k);
        }
      }
      matched.sort(java.util.Comparator.comparing(StoredKeyPair::nameKey));
    } else {
      String cursor = after;
      while (matched.size() <= pageSize) {
        int batch = (int) Math.min(SCAN_BATCH, Math.max(16L, (long) pageSize + 1));
        List<StoredKeyPair> chunk = store.keyPairs(scope, cursor, batch);
        for (StoredKeyPair k : chunk) {
          if (matches(k, query)) {
            matched.add(k);
          }
        }
        if (chunk.size() < batch) {
          break;
        }
        cursor = chunk.get(chunk.size() - 1).nameKey();
      }
    }
    boolean more = matched.size() > pageSize;
    List<StoredKeyPair> page = more ? matched.subList(0, pageSize) : matched;
    Optional<String> token = more ? Optional.of(encodeToken(page.get(page.size() - 1).nameKey())) : Optional.empty();
    return new Page<>(page.stream().map(this::toRecord).toList(), token);
  }

  /** Every key pair the query selects, following page tokens (names and ids give one page). */
  public List<KeyPairRecord> listAll(KeyPairQuery query) {
    List<KeyPairRecord> out = new ArrayList<>();
    Page<KeyPairRecord> page = list(query);
    out.addAll(page.items());
    while (page.nextPageToken().isPresent()) {
      KeyPairQuery.Builder next = KeyPairQuery.builder().pageToken(page.nextPageToken().get());
      query.namePattern().ifPresent(next::namePattern);
      query.fingerprint().ifPresent(next::fingerprint);
      query.tags().forEach(next::tag);
      query.tagKeys().forEach(next::tagKey);
      query.pageSize().ifPresent(next::pageSize);
      page = list(next.build());
      out.addAll(page.items());
    }
    return out;
  }

  private boolean matches(StoredKeyPair k, KeyPairQuery q) {
    if (q.namePattern().isPresent()) {
      String pattern = profile.naming().uniquenessKey(q.namePattern().get());
      String name = profile.naming().uniquenessKey(k.name());
      if (profile.wildcards() ? !Registries.globMatches(pattern, name) : !pattern.equals(name)) {
        return false;
      }
    }
    if (q.fingerprint().isPresent()
        && !ProviderProfile.fingerprintKey(q.fingerprint().get()).equals(k.fingerprintKey())) {
      return false;
    }
    for (Map.Entry<String, String> t : q.tags().entrySet()) {
      if (!t.getValue().equals(k.tags().get(t.getKey()))) {
        return false;
      }
    }
    for (String key : q.tagKeys()) {
      if (!k.tags().containsKey(key)) {
        return false;
      }
    }
    return true;
  }

  private String encodeToken(String nameKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("1:" + nameKey).getBytes(StandardCharsets.UTF_8));
  }

  private String decodeToken(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("1:") && token.length() <= 4096) {
        return s.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new KeyPairException(codes.invalidParameter(), "the page token is not one this registry gave out");
  }

  // ------------------------------------------------------------------------------------------ delete

  /**
   * Deletes the key pairs with these names, as the provider does: at most
   * {@link ProviderProfile#maxDeletePerCall()} names per call; a missing name is skipped where delete is
   * idempotent (AWS) and refuses the whole call otherwise; a key pair bound to an instance refuses the
   * whole call where the provider refuses that (Alibaba). Checks are made for every name before anything
   * is deleted.
   *
   * @return the names of the key pairs deleted
   */
  public List<String> delete(Collection<String> names) {
    Objects.requireNonNull(names, "names");
    if (names.isEmpty()) {
      throw new KeyPairException(codes.invalidParameter(), "no key pair named to delete");
    }
    if (new LinkedHashSet<>(names).size() > profile.maxDeletePerCall()) {
      throw new KeyPairException(codes.invalidParameter(), profile.displayName() + " deletes at most "
          + profile.maxDeletePerCall() + " key pair" + (profile.maxDeletePerCall() == 1 ? "" : "s") + " per call");
    }
    List<StoredKeyPair> targets = new ArrayList<>();
    java.util.Set<String> targetIds = new java.util.HashSet<>();
    for (String n : new LinkedHashSet<>(names)) {
      Optional<StoredKeyPair> k = byName(n);
      if (k.isPresent()) {
        // two spellings of one name (NFC/NFD, or case where names are case-insensitive) are one target
        if (targetIds.add(k.get().id())) {
          targets.add(k.get());
        }
      } else if (!profile.deleteIdempotent()) {
        throw notFound("name", n);
      }
    }
    if (profile.deleteRefusedWhileAttached()) {
      for (StoredInstance i : store.instances(scope)) {
        for (StoredKeyPair k : targets) {
          if (k.id().equals(i.keyPairId())) {
            throw attached(k.name(), i.id());
          }
        }
      }
    }
    List<String> deleted = new ArrayList<>();
    for (StoredKeyPair k : targets) {
      switch (store.deleteKeyPair(scope, k.id(), profile.deleteRefusedWhileAttached())) {
        case DELETED:
          deleted.add(k.name());
          break;
        case BOUND:
          throw attached(k.name(), "an instance");
        case ABSENT:
          if (!profile.deleteIdempotent()) {
            throw notFound("name", k.name());
          }
          break;
        default:
          throw new IllegalStateException();
      }
    }
    return deleted;
  }

  /** {@link #delete(Collection)} of these names. */
  public List<String> delete(String... names) {
    return delete(List.of(names));
  }

  /**
   * Deletes the key pair with this id (DigitalOcean and Hetzner address keys by id).
   *
   * @return whether a key pair was deleted (false only where delete is idempotent)
   */
  public boolean deleteById(String id) {
    Objects.requireNonNull(id, "id");
    StoredKeyPair k = store.keyPairById(scope, id).orElse(null);
    if (k == null) {
      if (profile.deleteIdempotent()) {
        return false;
      }
      throw notFound("id", id);
    }
    switch (store.deleteKeyPair(scope, k.id(), profile.deleteRefusedWhileAttached())) {
      case DELETED:
        return true;
      case BOUND:
        throw attached(k.name(), "an instance");
      default:
        if (profile.deleteIdempotent()) {
          return false;
        }
        throw notFound("id", id);
    }
  }

  private KeyPairException attached(String name, String instance) {
    return new KeyPairException(codes.attached(), "the key pair '" + name + "' is attached to " + instance
        + "; detach it first");
  }

  // -------------------------------------------------------------------------------------------- tags

  /** Adds these tags to the key pair (replacing values of keys it has), within the provider's tag rules. */
  public KeyPairRecord tag(String name, Map<String, String> tags) {
    return updateTags(name, current -> {
      Map<String, String> merged = new TreeMap<>(current);
      merged.putAll(tags);
      return merged;
    });
  }

  /** Removes the tags with these keys from the key pair. */
  public KeyPairRecord untag(String name, Collection<String> keys) {
    return updateTags(name, current -> {
      Map<String, String> left = new TreeMap<>(current);
      keys.forEach(left::remove);
      return left;
    });
  }

  private KeyPairRecord updateTags(String name, java.util.function.UnaryOperator<Map<String, String>> change) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      StoredKeyPair k = byName(name).orElseThrow(() -> notFound("name", name));
      Map<String, String> next = checkTags(change.apply(k.tags()));
      if (store.replaceTags(scope, k.id(), k.tags(), next)) {
        return toRecord(k.withTags(next));
      }
    }
    throw new KeyPairException(ErrorCode.INTERNAL, "the tags of '" + Registries.printable(name)
        + "' kept changing; try again");
  }

  // --------------------------------------------------------------------------------------- instances

  /** Registers an instance that key pairs can be attached to. */
  public Instance addInstance(String id, OsType os, InstanceState state) {
    checkInstanceId(id);
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(state, "state");
    StoredInstance i = new StoredInstance(id, os.label(), state.label(), null, null, null, null, false, 0);
    if (!store.insertInstance(scope, i)) {
      throw new KeyPairException(codes.invalidParameter(), "the instance " + id + " exists already");
    }
    return toInstance(i);
  }

  /** The instance with this id, if any. */
  public Optional<Instance> findInstance(String id) {
    Objects.requireNonNull(id, "id");
    return store.instance(scope, id).map(KeyPairRegistry::toInstance);
  }

  /**
   * The instance with this id.
   *
   * @throws KeyPairException the provider's instance-not-found code
   */
  public Instance instance(String id) {
    return findInstance(id).orElseThrow(() -> instanceNotFound(id));
  }

  /** The region's instances, by id. */
  public List<Instance> instances() {
    return store.instances(scope).stream().map(KeyPairRegistry::toInstance).toList();
  }

  /**
   * Binds the key pair to each instance, as the provider does: refused as a whole for more than
   * {@link ProviderProfile#maxInstancesPerCall()} instances or a missing key pair; otherwise one result per
   * instance (a missing or, where only Linux takes keys, a Windows instance is refused without undoing the
   * others). An instance holds one key pair; a new one replaces the old. Where the provider needs a
   * restart, the instance keeps serving its old key until {@link #restart}.
   */
  public List<BindingResult> attach(String name, List<String> instanceIds) {
    StoredKeyPair k = checkBindingCall(name, instanceIds);
    String line = Registries.openSshLine(toRecord(k).publicKey());
    List<BindingResult> results = new ArrayList<>();
    for (String id : new LinkedHashSet<>(instanceIds)) {
      results.add(bindOne(id, i -> {
        if (profile.linuxOnly() && OsType.WINDOWS.label().equals(i.os())) {
          return BindingResult.refused(id, codes.windowsInstance(),
              "key pairs cannot be attached to Windows instances");
        }
        if (k.id().equals(i.keyPairId())) {
          return BindingResult.ok(id, "already attached");
        }
        boolean later = profile.restartRequired();
        StoredInstance next = new StoredInstance(i.id(), i.os(), i.state(), k.id(), k.name(), line,
            later ? i.servedPublicKey() : line, later && !Objects.equals(line, i.servedPublicKey()), i.version() + 1);
        return next;
      }, k.id()));
    }
    return results;
  }

  /**
   * Unbinds the key pair from each instance: one result per instance (refused for an instance it is not
   * bound to). Where the provider needs a restart, the instance serves the key until then.
   */
  public List<BindingResult> detach(String name, List<String> instanceIds) {
    StoredKeyPair k = checkBindingCall(name, instanceIds);
    List<BindingResult> results = new ArrayList<>();
    for (String id : new LinkedHashSet<>(instanceIds)) {
      results.add(bindOne(id, i -> {
        if (!k.id().equals(i.keyPairId())) {
          return BindingResult.refused(id, codes.notBound(),
              "the key pair '" + k.name() + "' is not attached to " + id);
        }
        boolean later = profile.restartRequired();
        return new StoredInstance(i.id(), i.os(), i.state(), null, null, null, later ? i.servedPublicKey() : null,
            later && i.servedPublicKey() != null, i.version() + 1);
      }, null));
    }
    return results;
  }

  private StoredKeyPair checkBindingCall(String name, List<String> instanceIds) {
    Objects.requireNonNull(instanceIds, "instanceIds");
    if (!profile.bindingSupported()) {
      throw new KeyPairException(codes.unsupported(), profile.displayName() + " does not bind key pairs to instances");
    }
    if (instanceIds.isEmpty()) {
      throw new KeyPairException(codes.invalidParameter(), "no instance given");
    }
    if (new LinkedHashSet<>(instanceIds).size() > profile.maxInstancesPerCall()) {
      throw new KeyPairException(codes.invalidParameter(), profile.displayName() + " binds at most "
          + profile.maxInstancesPerCall() + " instance" + (profile.maxInstancesPerCall() == 1 ? "" : "s") + " per call");
    }
    return byName(name).orElseThrow(() -> notFound("name", name));
  }

  /** One instance's compare-and-set: {@code change} returns the next state, or a refusal/no-op result. */
  private BindingResult bindOne(String id, java.util.function.Function<StoredInstance, Object> change,
      String requiredKeyPairId) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Optional<StoredInstance> current = store.instance(scope, id);
      if (current.isEmpty()) {
        return BindingResult.refused(id, codes.instanceNotFound(), "no instance " + id + " in " + region);
      }
      Object next = change.apply(current.get());
      if (next instanceof BindingResult) {
        return (BindingResult) next;
      }
      StoredInstance replacement = (StoredInstance) next;
      if (store.replaceInstance(scope, current.get().version(), replacement, requiredKeyPairId)) {
        return BindingResult.ok(id, replacement.restartPending() ? "takes effect after a restart" : "in effect");
      }
      if (requiredKeyPairId != null && store.keyPairById(scope, requiredKeyPairId).isEmpty()) {
        return BindingResult.refused(id, codes.notFound(), "the key pair was deleted meanwhile");
      }
    }
    throw new KeyPairException(ErrorCode.INTERNAL, "the instance " + id + " kept changing; try again");
  }

  /** Restarts the instance: it serves its bound key pair (or none) from now on, and runs. */
  public Instance restart(String id) {
    return changeState(id, InstanceState.RUNNING, true);
  }

  /** Starts a stopped instance; a binding changed while it was stopped takes effect now. */
  public Instance start(String id) {
    return changeState(id, InstanceState.RUNNING, true);
  }

  /** Stops the instance. */
  public Instance stop(String id) {
    return changeState(id, InstanceState.STOPPED, false);
  }

  private Instance changeState(String id, InstanceState state, boolean apply) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      StoredInstance i = store.instance(scope, id).orElseThrow(() -> instanceNotFound(id));
      boolean applying = apply && i.restartPending();
      StoredInstance next = new StoredInstance(i.id(), i.os(), state.label(), i.keyPairId(), i.keyPairName(),
          i.pendingPublicKey(), applying ? i.pendingPublicKey() : i.servedPublicKey(), !applying && i.restartPending(),
          i.version() + 1);
      if (store.replaceInstance(scope, i.version(), next, null)) {
        return toInstance(next);
      }
    }
    throw new KeyPairException(ErrorCode.INTERNAL, "the instance " + id + " kept changing; try again");
  }

  private void checkInstanceId(String id) {
    Objects.requireNonNull(id, "id");
    if (!Scope.isId(id)) {
      throw new KeyPairException(codes.invalidParameter(), "an instance id is 1 to " + Scope.MAX_ID_LENGTH
          + " letters, digits, '-', '_' or '.'");
    }
  }

  private KeyPairException instanceNotFound(String id) {
    return new KeyPairException(codes.instanceNotFound(), "no instance " + Registries.printable(id) + " in " + region);
  }

  // ---------------------------------------------------------------------------------------- helpers

  private Optional<StoredKeyPair> byName(String name) {
    if (name == null || name.length() > 4 * profile.naming().maxLength()) {
      return Optional.empty();
    }
    if (profile.uniqueNames()) {
      return store.keyPairByNameKey(scope, profile.naming().uniquenessKey(name));
    }
    String key = profile.naming().uniquenessKey(name);
    List<StoredKeyPair> same = new ArrayList<>();
    String cursor = key;
    // non-unique names are stored as key + NUL + id, so they sort right after the bare key
    for (StoredKeyPair k : store.keyPairs(scope, cursor, 3)) {
      if (k.nameKey().startsWith(key + "\u0000")) {
        same.add(k);
      }
    }
    if (same.size() > 1) {
      throw new KeyPairException(codes.invalidParameter(), "several key pairs are named '"
          + Registries.printable(name) + "'; address one by its id");
    }
    return same.stream().findFirst();
  }

  private void checkName(String name) {
    Optional<String> violation = profile.naming().violation(name);
    if (violation.isPresent()) {
      throw new KeyPairException(codes.nameMalformed(), violation.get());
    }
  }

  private Map<String, String> checkTags(Map<String, String> tags) {
    Objects.requireNonNull(tags, "tags");
    if (tags.isEmpty()) {
      return Map.of();
    }
    if (!profile.tagsSupported()) {
      throw new KeyPairException(codes.tagInvalid(), profile.displayName() + " key pairs take no tags");
    }
    if (tags.size() > profile.maxTags()) {
      throw new KeyPairException(codes.tagInvalid(), "at most " + profile.maxTags() + " tags, not " + tags.size());
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> t : tags.entrySet()) {
      String k = Objects.requireNonNull(t.getKey(), "tag key");
      String v = Objects.requireNonNull(t.getValue(), "tag value");
      if (k.isEmpty() || k.length() > profile.maxTagKeyLength()) {
        throw new KeyPairException(codes.tagInvalid(), "a tag key must be 1 to " + profile.maxTagKeyLength()
            + " characters");
      }
      if (v.length() > profile.maxTagValueLength()) {
        throw new KeyPairException(codes.tagInvalid(), "the value of tag '" + Registries.printable(k)
            + "' is longer than " + profile.maxTagValueLength() + " characters");
      }
      if (!Registries.isPrintable(k) || !Registries.isPrintable(v)) {
        throw new KeyPairException(codes.tagInvalid(), "tags may not hold control characters");
      }
      String lower = k.toLowerCase(Locale.ROOT);
      for (String p : profile.reservedTagPrefixes()) {
        if (lower.startsWith(p)) {
          throw new KeyPairException(codes.tagInvalid(), "tag keys may not start with '" + p + "'");
        }
      }
      if (profile.noUrlInTags()) {
        for (String s : List.of(lower, v.toLowerCase(Locale.ROOT))) {
          if (s.startsWith("http://") || s.startsWith("https://")) {
            throw new KeyPairException(codes.tagInvalid(), "tags may not start with http:// or https://");
          }
        }
      }
      out.put(k, v);
    }
    return out;
  }

  private KeyPairException notFound(String what, String value) {
    return new KeyPairException(codes.notFound(), "no key pair with " + what + " '" + Registries.printable(value)
        + "' in " + region);
  }

  private KeyPairRecord toRecord(StoredKeyPair k) {
    SshPublicKey key = parsed.get(k.publicKey());
    if (key == null) {
      try {
        key = PublicKeys.parse(k.publicKey());
      } catch (KeyPairException e) {
        throw new KeyPairException(dev.keypair.store.spi.StoreErrors.CORRUPT,
            "the stored public key of " + k.id() + " does not parse: " + e.getMessage(), e);
      }
      if (parsed.size() >= PARSED_KEYS) {
        parsed.clear();
      }
      parsed.put(k.publicKey(), key);
    }
    key = key.withComment(Comment.of(k.name()));
    return new KeyPairRecord(k.id(), k.name(), k.type(), k.bits(), k.fingerprint(), KeyOrigin.fromLabel(k.origin()),
        k.created(), new TreeMap<>(k.tags()), key);
  }

  private static Instance toInstance(StoredInstance i) {
    return new Instance(i.id(), OsType.fromLabel(i.os()), InstanceState.fromLabel(i.state()),
        Optional.ofNullable(i.keyPairName()), Optional.ofNullable(i.servedPublicKey()), i.restartPending());
  }

  private static String families(Collection<KeyType> types) {
    LinkedHashSet<String> f = new LinkedHashSet<>();
    types.forEach(t -> f.add(t.family()));
    return String.join(", ", f);
  }

  private static String formats(Collection<PublicKeyFormat> formats) {
    return String.join(", ", formats.stream().map(PublicKeyFormat::cliName).toList());
  }

  private static String sha256(byte[] blob) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "SHA-256 is missing from the JDK", e);
    }
  }

  /** Builds a {@link KeyPairRegistry}. */
  public static final class Builder {
    private final KeyPairStore store;
    private final ProviderProfile profile;
    private final Region region;
    private Clock clock = Clock.systemUTC();
    private IdGenerator ids;
    private KeyGenerator keyGenerator;
    private KeyPairLimits limits = KeyPairLimits.defaults();

    private Builder(KeyPairStore store, ProviderProfile profile, Region region) {
      this.store = Objects.requireNonNull(store, "store");
      this.profile = Objects.requireNonNull(profile, "profile");
      this.region = Objects.requireNonNull(region, "region");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder ids(IdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    public Builder keyGenerator(KeyGenerator keyGenerator) {
      this.keyGenerator = Objects.requireNonNull(keyGenerator, "keyGenerator");
      return this;
    }

    /** The limits imports are decoded with. */
    public Builder limits(KeyPairLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public KeyPairRegistry build() {
      if (ids == null) {
        ids = IdGenerator.random();
      }
      if (keyGenerator == null) {
        keyGenerator = KeyGenerator.create();
      }
      return new KeyPairRegistry(this);
    }
  }
}
