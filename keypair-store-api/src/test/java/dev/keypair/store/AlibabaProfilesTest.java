package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static dev.keypair.store.contract.ContractSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Alibaba Cloud ECS and Simple Application Server profiles' rules (../shared/PROVIDERS.md). */
class AlibabaProfilesTest {

  private static final ProviderCodes CODES = ProviderCodes.alibaba();
  private static final SshPublicKey RSA = fixture("rsa2048");

  private static KeyPairRecord importRsa(KeyPairRegistry r, String name) {
    return r.importKey(name, RSA, PublicKeyFormat.OPENSSH, Map.of());
  }

  private static List<String> names(List<KeyPairRecord> records) {
    return records.stream().map(KeyPairRecord::name).toList();
  }

  @Test
  void codesAreAlibabas() {
    assertThat(ProviderProfiles.ALIBABA_ECS.codes()).isEqualTo(CODES);
    assertThat(ProviderProfiles.ALIBABA_SWAS.codes()).isEqualTo(CODES);
    assertThat(CODES.duplicateName().id()).isEqualTo("KeyPair.AlreadyExist");
    assertThat(CODES.quotaExceeded().id()).isEqualTo("QuotaExceed.KeyPair");
    assertThat(CODES.nameMalformed().id()).isEqualTo("InvalidKeyPairName.Malformed");
    assertThat(CODES.keyMalformed()).isEqualTo(ErrorCode.of("InvalidPublicKeyBody.Malformed",
        ErrorCode.Category.INPUT));
    assertThat(CODES.windowsInstance().id()).isEqualTo("DependencyViolation.WindowsInstance");
    assertThat(CODES.attached().id()).isEqualTo("InvalidParameter.KeypairAlreadyAttachedInstance");
  }

  /** Alibaba Cloud ECS. */
  @Nested
  class Ecs {
    private final ProviderProfile ecs = ProviderProfiles.ALIBABA_ECS;
    private final KeyPairRegistry r = ContractSupport.registry(InMemoryKeyPairStore.create(), ecs, "cn-hangzhou");

    @Test
    void settingsAreTheDocumentedOnes() {
      assertThat(ecs.id()).isEqualTo("alibaba-ecs");
      assertThat(ecs.quota()).isEqualTo(500);
      assertThat(ecs.maxPageSize()).isEqualTo(50);
      assertThat(ecs.defaultPageSize()).isEqualTo(10);
      assertThat(ecs.maxDeletePerCall()).isEqualTo(100);
      assertThat(ecs.maxInstancesPerCall()).isEqualTo(50);
      assertThat(ecs.maxTags()).isEqualTo(20);
      assertThat(ecs.linuxOnly()).isTrue();
      assertThat(ecs.restartRequired()).isTrue();
      assertThat(ecs.deleteRefusedWhileAttached()).isTrue();
      assertThat(ecs.deleteIdempotent()).isFalse();
      assertThat(ecs.createTypes()).containsExactly(KeyType.RSA);
      assertThat(ecs.privateKeyFormat(KeyType.RSA, CreateFormat.PEM)).contains(PrivateKeyFormat.PKCS8);
      assertThat(ecs.privateKeyFormat(KeyType.RSA, CreateFormat.PPK)).isEmpty();
      assertThat(ecs.idShape()).isEqualTo(IdShape.hex("kp-", 20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a1", "web:prod_key-1", "\u4e2d\u6587", "caf\u00e9", "cafe\u0301", "Http-key",
        "httpkey"})
    void acceptsNames(String name) {
      assertThat(importRsa(r, name).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1ab", "_ab", "-ab", ":ab", "a b", "a.b", "a/b", "http://x", "HTTPS://x", "a\tb",
        "\u00e9\u0000", ""})
    void refusesNames(String name) {
      assertRefused(CODES.nameMalformed(), () -> importRsa(r, name));
      assertRefused(CODES.nameMalformed(), () -> r.create(name));
    }

    @Test
    void namesHaveTwoTo128Characters() {
      importRsa(r, "a" + "b".repeat(127));
      assertRefused(CODES.nameMalformed(), () -> importRsa(r, "a" + "b".repeat(128)));
      importRsa(r, "\u4e2d".repeat(128));
      assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void theDotIsASetting() {
      KeyPairRegistry dots = ContractSupport.registry(InMemoryKeyPairStore.create(),
          ProviderProfiles.alibabaEcs(true, false), "cn-hangzhou");
      assertThat(importRsa(dots, "a.b").name()).isEqualTo("a.b");
      assertRefused(CODES.keyRefused(), () -> dots.importKey("ed", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    }

    @Test
    void importsRsaDsaAndEcdsaButNotEd25519OrCertificates() {
      for (String f : List.of("rsa1024", "rsa2048", "rsa3072", "rsa4096", "dsa1024", "ecdsa256", "ecdsa384",
          "ecdsa521")) {
        KeyPairRecord k = r.importPublicKey(f, Fixtures.bytes(f + ".pub"), Map.of());
        assertThat(k.fingerprint()).isEqualTo(Fixtures.line(f + ".l.md5").split(" ")[1].substring(4));
      }
      for (String f : List.of("ed25519.pub", "rsa2048-user-cert.pub", "ecdsa256-host-cert.pub", "rsa2048.rfc4716",
          "rsa2048.der.b64")) {
        assertRefused(CODES.keyRefused(), () -> r.importPublicKey("xx", Fixtures.bytes(f), Map.of()));
      }
      assertRefused(CODES.keyMalformed(), () -> r.importPublicKey("xx", "ssh-rsa ???".getBytes(
          StandardCharsets.UTF_8), Map.of()));
      KeyPairRegistry ed = ContractSupport.registry(InMemoryKeyPairStore.create(),
          ProviderProfiles.alibabaEcs(false, true), "cn-hangzhou");
      assertThat(ed.importKey("ed", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()).type()).isEqualTo("ed25519");
    }

    @Test
    void fingerprintLookupsIgnoreColonsAndCase() {
      KeyPairRecord k = importRsa(r, "kk");
      assertThat(k.fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
      String bare = k.fingerprint().replace(":", "");
      for (String spelling : List.of(k.fingerprint(), bare, bare.toUpperCase(Locale.ROOT), "MD5:" + k.fingerprint(),
          " " + k.fingerprint().toUpperCase(Locale.ROOT) + " ")) {
        assertThat(r.findByFingerprint(spelling)).extracting(KeyPairRecord::name).containsExactly("kk");
        assertThat(names(r.list(KeyPairQuery.builder().fingerprint(spelling).build()).items())).containsExactly("kk");
      }
    }

    @Test
    void listsWithWildcardsInPagesOfUpTo50() {
      for (int i = 0; i < 23; i++) {
        importRsa(r, String.format("web%02d", i));
      }
      importRsa(r, "db01");
      importRsa(r, "webby");
      Page<KeyPairRecord> first = r.list(KeyPairQuery.all());
      assertThat(first.items()).hasSize(10);
      assertThat(first.nextPageToken()).isPresent();
      assertThat(names(r.listAll(KeyPairQuery.all()))).hasSize(25).startsWith("db01", "web00").endsWith("webby");
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("web*").pageSize(7).build()))).hasSize(24);
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("web1*").build()))).hasSize(10);
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("*b*1").build())))
          .containsExactly("db01", "web01", "web11", "web21");
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("*y").build()))).containsExactly("webby");
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("web").build()))).isEmpty();
      assertThat(r.list(KeyPairQuery.builder().pageSize(50).build()).items()).hasSize(25);
      assertRefused(CODES.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageSize(51).build()));
      assertRefused(CODES.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageSize(0).build()));
    }

    @Test
    void tagsFollowTheAlibabaRules() {
      Map<String, String> twenty = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        twenty.put("k" + i, "v");
      }
      assertThat(r.importKey("kk", RSA, PublicKeyFormat.OPENSSH, twenty).tags()).hasSize(20);
      assertRefused(CODES.tagInvalid(), () -> r.tag("kk", Map.of("one-more", "v")));
      assertThat(r.untag("kk", List.of("k0", "absent")).tags()).hasSize(19);
      for (Map<String, String> bad : List.of(Map.of("aliyun-x", "v"), Map.of("Aliyun", "v"), Map.of("acs:x", "v"),
          Map.of("ACS:x", "v"), Map.of("http://x", "v"), Map.of("x", "https://y"), Map.of("k".repeat(129), "v"),
          Map.of("x", "v".repeat(129)))) {
        assertRefused(CODES.tagInvalid(), () -> r.tag("kk", bad));
      }
      assertThat(r.tag("kk", Map.of("acs", "v")).tags()).hasSize(20);
      assertThat(r.tag("kk", Map.of("k1", "www.http://")).tags()).hasSize(20).containsEntry("k1", "www.http://");
      assertThat(CODES.tagInvalid().id()).isEqualTo("InvalidTagKey.Malformed");
    }

    @Test
    void deleteTakesUpTo100NamesAndRefusesMissingOrAttachedOnesAsAWhole() {
      List<String> hundred = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        hundred.add("k" + i);
        importRsa(r, "k" + i);
      }
      List<String> tooMany = new ArrayList<>(hundred);
      tooMany.add("k100");
      assertRefused(CODES.invalidParameter(), () -> r.delete(tooMany));
      assertRefused(CODES.notFound(), () -> r.delete("k1", "missing", "k2"));
      r.addInstance("i-1", OsType.LINUX, InstanceState.RUNNING);
      r.attach("k50", List.of("i-1"));
      assertRefused(CODES.attached(), () -> r.delete(hundred));
      assertThat(r.count()).as("nothing deleted").isEqualTo(100);
      r.detach("k50", List.of("i-1"));
      assertThat(r.delete(hundred)).containsExactlyElementsOf(hundred);
      assertThat(r.count()).isZero();
      assertRefused(CODES.notFound(), () -> r.delete("k1"));
      assertRefused(CODES.notFound(), () -> r.deleteById("kp-00000000000000000001"));
    }

    @Test
    void twoSpellingsOfOneNameInOneDeleteDeleteItOnce() {
      importRsa(r, "caf\u00e9");
      assertThat(r.delete("caf\u00e9", "cafe\u0301")).containsExactly("caf\u00e9");
      assertThat(r.count()).isZero();
    }

    @Test
    void quotaIs500() {
      for (int i = 0; i < 500; i++) {
        importRsa(r, "k" + i);
      }
      assertRefused(CODES.quotaExceeded(), () -> importRsa(r, "one-more"));
      assertRefused(CODES.quotaExceeded(), () -> r.create("one-more"));
      assertRefused(CODES.duplicateName(), () -> importRsa(r, "k1"));
      r.delete("k1");
      importRsa(r, "one-more");
      assertThat(r.count()).isEqualTo(500);
    }

    @Test
    void attachIsLinuxOnlyUpTo50PerCallWithAResultEach() {
      importRsa(r, "ka");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        r.addInstance("i-" + i, i % 4 == 0 ? OsType.WINDOWS : OsType.LINUX, InstanceState.RUNNING);
        ids.add("i-" + i);
      }
      ids.add("i-missing");
      ids.add("i-0");
      ids.add("i-missing-too");
      // a repeated id counts once: 48 + 2 missing ids make 50, within the limit; one more makes 51
      ids.add("i-missing-three");
      assertRefused(CODES.invalidParameter(), () -> r.attach("ka", ids));
      ids.remove(ids.size() - 1);
      ids.remove(ids.size() - 1);
      List<BindingResult> results = r.attach("ka", ids);
      assertThat(results).hasSize(49).extracting(BindingResult::instanceId).doesNotHaveDuplicates();
      for (BindingResult b : results) {
        Optional<ErrorCode> expected = b.instanceId().equals("i-missing") ? Optional.of(CODES.instanceNotFound())
            : Integer.parseInt(b.instanceId().substring(2)) % 4 == 0 ? Optional.of(CODES.windowsInstance())
            : Optional.empty();
        assertThat(b.error()).as(b.instanceId()).isEqualTo(expected);
      }
      assertThat(r.instances().stream().filter(i -> i.keyPairName().isPresent())).hasSize(36);
      assertThat(r.instance("i-0").keyPairName()).isEmpty();
      assertThat(r.detach("ka", ids).stream().filter(BindingResult::succeeded)).hasSize(36);
      assertRefused(CODES.invalidParameter(), () -> r.attach("ka", List.of()));
      assertRefused(CODES.notFound(), () -> r.attach("kb", List.of("i-1")));
    }

    @Test
    void aBindingTakesEffectAfterARestartAndRebindingReplaces() {
      KeyPairRecord a = importRsa(r, "ka");
      KeyPairRecord b = r.importPublicKey("kb", Fixtures.bytes("ecdsa256.pub"), Map.of());
      r.addInstance("i-1", OsType.LINUX, InstanceState.RUNNING);
      assertThat(r.attach("ka", List.of("i-1"))).singleElement().satisfies(x -> {
        assertThat(x.succeeded()).isTrue();
        assertThat(x.message()).contains("restart");
      });
      Instance i = r.instance("i-1");
      assertThat(i.keyPairName()).contains("ka");
      assertThat(i.restartPending()).isTrue();
      assertThat(i.authorizedKeys()).isEmpty();
      assertThat(r.restart("i-1").authorizedKeys()).isEqualTo(a.publicKeyLine() + "\n");
      assertThat(r.attach("kb", List.of("i-1"))).allMatch(BindingResult::succeeded);
      i = r.instance("i-1");
      assertThat(i.keyPairName()).contains("kb");
      assertThat(i.authorizedKeys()).as("the old key until the restart").isEqualTo(a.publicKeyLine() + "\n");
      assertThat(r.detach("ka", List.of("i-1"))).singleElement().extracting(BindingResult::error)
          .isEqualTo(Optional.of(CODES.notBound()));
      r.delete("ka");
      assertRefused(CODES.attached(), () -> r.delete("kb"));
      i = r.stop("i-1");
      assertThat(i.state()).isEqualTo(InstanceState.STOPPED);
      assertThat(i.restartPending()).isTrue();
      i = r.start("i-1");
      assertThat(i.state()).isEqualTo(InstanceState.RUNNING);
      assertThat(i.authorizedKeys()).isEqualTo(b.publicKeyLine() + "\n");
      assertThat(i.restartPending()).isFalse();
      r.detach("kb", List.of("i-1"));
      assertThat(r.instance("i-1").restartPending()).isTrue();
      assertThat(r.instance("i-1").authorizedKeys()).isEqualTo(b.publicKeyLine() + "\n");
      assertThat(r.restart("i-1").authorizedKeys()).as("password login from now on").isEmpty();
      assertThat(r.delete("kb")).containsExactly("kb");
    }

    @Test
    void windowsInstancesAreRefused() {
      importRsa(r, "ka");
      r.addInstance("i-win", OsType.WINDOWS, InstanceState.RUNNING);
      assertThat(r.attach("ka", List.of("i-win"))).singleElement().extracting(BindingResult::error)
          .isEqualTo(Optional.of(CODES.windowsInstance()));
      assertThat(r.instance("i-win").keyPairName()).isEmpty();
      assertThat(r.delete("ka")).containsExactly("ka");
    }
  }

  /** Alibaba Cloud Simple Application Server. */
  @Nested
  class Swas {
    private final ProviderProfile swas = ProviderProfiles.ALIBABA_SWAS;
    private final KeyPairRegistry r = ContractSupport.registry(InMemoryKeyPairStore.create(), swas, "cn-hangzhou");

    @Test
    void settingsAreTheDocumentedOnes() {
      assertThat(swas.id()).isEqualTo("alibaba-swas");
      assertThat(swas.quota()).isEqualTo(10);
      assertThat(swas.createTypes()).containsExactly(KeyType.RSA);
      assertThat(swas.createRsaBits()).isEqualTo(2048);
      assertThat(swas.privateKeyFormat(KeyType.RSA, CreateFormat.PEM)).contains(PrivateKeyFormat.PKCS8);
      assertThat(swas.importTypes()).containsExactly(KeyType.RSA);
      assertThat(swas.rsaImportSizes()).containsExactly(2048);
      assertThat(swas.maxPageSize()).isEqualTo(100);
      assertThat(swas.wildcards()).isFalse();
      assertThat(swas.linuxOnly()).isTrue();
      assertThat(swas.restartRequired()).isTrue();
      assertThat(swas.deleteRefusedWhileAttached()).isTrue();
    }

    @Test
    void namesHaveTwoTo64Characters() {
      importRsa(r, "ab");
      importRsa(r, "a" + "b".repeat(63));
      for (String bad : List.of("a", "a" + "b".repeat(64), "1a", "a.b", "https://x")) {
        assertRefused(CODES.nameMalformed(), () -> importRsa(r, bad));
      }
      assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void importsOnly2048BitRsa() {
      importRsa(r, "ok");
      for (String f : List.of("rsa1024", "rsa3072", "rsa4096", "dsa1024", "ecdsa256", "ed25519")) {
        assertRefused(CODES.keyRefused(), () -> r.importPublicKey(f, Fixtures.bytes(f + ".pub"), Map.of()));
      }
      assertRefused(CODES.invalidParameter(), () -> r.create("ed", KeyType.ED25519, CreateFormat.PEM, Map.of()));
    }

    @Test
    void quotaIs10AndNamePatternsAreLiteral() {
      for (int i = 0; i < 10; i++) {
        importRsa(r, "k" + i);
      }
      assertRefused(CODES.quotaExceeded(), () -> importRsa(r, "k10"));
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("k*").build()))).isEmpty();
      assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("k3").build()))).containsExactly("k3");
      assertThat(r.list(KeyPairQuery.builder().pageSize(100).build()).items()).hasSize(10);
      assertRefused(CODES.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageSize(101).build()));
    }

    @Test
    void bindsAsEcs() {
      importRsa(r, "ka");
      r.addInstance("s-1", OsType.LINUX, InstanceState.RUNNING);
      r.addInstance("s-2", OsType.WINDOWS, InstanceState.RUNNING);
      List<BindingResult> results = r.attach("ka", List.of("s-1", "s-2"));
      assertThat(results.get(0).succeeded()).isTrue();
      assertThat(results.get(1).error()).contains(CODES.windowsInstance());
      assertThat(r.instance("s-1").restartPending()).isTrue();
      assertRefused(CODES.attached(), () -> r.delete("ka"));
      List<String> fiftyOne = new ArrayList<>();
      for (int i = 0; i < 51; i++) {
        fiftyOne.add("s-" + i);
      }
      assertRefused(CODES.invalidParameter(), () -> r.attach("ka", fiftyOne));
      assertRefused(CODES.invalidParameter(), () -> r.detach("ka", fiftyOne));
    }
  }
}
