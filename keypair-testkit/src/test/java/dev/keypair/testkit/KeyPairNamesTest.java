package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyPairException;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Test;

/**
 * KeyPairNames against the registries of the seeded profiles: every valid name is taken, every invalid one
 * refused with the provider's own code; and the names reach the edges of each rule.
 */
class KeyPairNamesTest {

  private static final int SAMPLES = 3000;

  @Provide
  Arbitrary<Tuple2<ProviderProfile, String>> validNames() {
    return KeyPairNames.profiles().flatMap(p -> KeyPairNames.valid(p).map(n -> Tuple.of(p, n)));
  }

  @Provide
  Arbitrary<Tuple2<ProviderProfile, String>> invalidNames() {
    return KeyPairNames.profiles().flatMap(p -> KeyPairNames.invalid(p).map(n -> Tuple.of(p, n)));
  }

  @Property(tries = 600)
  void everyValidNameIsImportedUnderItsProfile(@ForAll("validNames") Tuple2<ProviderProfile, String> sample) {
    ProviderProfile profile = sample.get1();
    String name = sample.get2();
    KeyPairRegistry registry = TestRegistries.inMemory(profile);
    KeyPairRecord record = registry.importKey(name, TestRegistries.acceptedKey(profile), PublicKeyFormat.OPENSSH,
        Map.of());
    assertThat(record.name()).isEqualTo(name);
    assertThat(registry.describe(name).id()).isEqualTo(record.id());
  }

  @Property(tries = 600)
  void everyInvalidNameIsRefusedWithTheProvidersCode(@ForAll("invalidNames") Tuple2<ProviderProfile, String> sample) {
    ProviderProfile profile = sample.get1();
    KeyPairRegistry registry = TestRegistries.inMemory(profile);
    assertThatThrownBy(() -> registry.importKey(sample.get2(), TestRegistries.acceptedKey(profile),
        PublicKeyFormat.OPENSSH, Map.of()))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(profile.codes().nameMalformed()));
    assertThat(registry.count()).isZero();
  }

  @Test
  void validNamesReachBothLengthEdgesAndEveryCharacterTheRuleTakes() {
    for (ProviderProfile p : ProviderProfiles.all()) {
      List<String> names = Samples.of(KeyPairNames.valid(p), SAMPLES);
      List<Integer> lengths = names.stream().map(n -> n.codePointCount(0, n.length())).toList();
      assertThat(lengths).as(p.id()).contains(p.naming().minLength(), p.naming().maxLength());
      String all = String.join("", names);
      for (String c : List.of("a", "Z", "0", "-", "_")) {
        assertThat(all).as(p.id()).contains(c);
      }
      boolean nonAscii = all.chars().anyMatch(c -> c > 0x7e);
      assertThat(nonAscii).as(p.id() + " non-ASCII").isEqualTo(!List.of("aws-ec2", "openstack-nova").contains(p.id()));
    }
    String aws = String.join("", Samples.of(KeyPairNames.valid(ProviderProfiles.AWS_EC2), SAMPLES));
    assertThat(aws).contains(" ", ".", "@", "/", "~", "\"");
    String alibaba = String.join("", Samples.of(KeyPairNames.valid(ProviderProfiles.ALIBABA_ECS), SAMPLES));
    assertThat(alibaba).contains(":", "中", "e\u0301", "\uD835\uDC9C").doesNotContain(".", " ", "@");
    String nova = String.join("", Samples.of(KeyPairNames.valid(ProviderProfiles.OPENSTACK_NOVA), SAMPLES));
    assertThat(nova).contains(" ").doesNotContain(":", ".", "@");
  }

  @Test
  void invalidNamesBreakEachRuleOfTheProfile() {
    Map<String, List<String>> reasons = Samples.of(KeyPairNames.invalid(ProviderProfiles.ALIBABA_ECS), SAMPLES).stream().collect(Collectors.groupingBy(n -> ProviderProfiles.ALIBABA_ECS.naming().violation(n)
            .orElseThrow().replaceAll("[0-9]+", "N")));
    assertThat(reasons.keySet()).contains("the name must be N to N characters long, not N",
        "the name must start with a letter", "the name holds a control character at position N",
        "the name may hold only letters, digits, ':', '_' and '-'; position N is not one");
    List<String> alibaba = reasons.values().stream().flatMap(List::stream).toList();
    assertThat(alibaba).contains("").anyMatch(n -> n.codePointCount(0, n.length()) == 129)
        .anyMatch(n -> n.codePointCount(0, n.length()) == 1).anyMatch(n -> n.toLowerCase().startsWith("https://"));
    List<String> aws = Samples.of(KeyPairNames.invalid(ProviderProfiles.AWS_EC2), SAMPLES);
    assertThat(aws).anyMatch(n -> n.startsWith(" ")).anyMatch(n -> n.endsWith(" "))
        .anyMatch(n -> n.codePointCount(0, n.length()) == 256).anyMatch(n -> n.contains("\n"))
        .anyMatch(n -> n.chars().anyMatch(c -> c > 0x7f));
  }
}
