package dev.keypair.examples;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.CreatedKeyPair;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.InstanceState;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.OsType;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.Region;
import dev.keypair.store.spi.KeyPairStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's registry quick start, runnable: {@code QuickStartRegistry OUTPUT_DIR PUBLIC_KEY_FILE}. The
 * README quotes the code between the {@code snippet} markers verbatim, and a test checks that it still does.
 */
public final class QuickStartRegistry {

  private QuickStartRegistry() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Path pub = Path.of(args.length > 1 ? args[1] : "keypair-examples/src/main/resources/demo/demo_ed25519.pub");
    // snippet:start
    // One region's Key Pairs page under AWS EC2's rules (in memory here; JdbcKeyPairStore.openSqlite(file)
    // keeps it in an SQLite file that several processes can share).
    try (KeyPairStore store = InMemoryKeyPairStore.create()) {
      KeyPairRegistry ec2 = KeyPairRegistry.open(store, ProviderProfiles.AWS_EC2, Region.of("eu-west-1"));

      // Create: the private key is handed over once (written owner-only here) and never stored.
      try (CreatedKeyPair created = ec2.create("deploy", KeyType.RSA, CreateFormat.PEM, Map.of("team", "ops"))) {
        created.writePrivateKey(dir.resolve("deploy.pem"), KeyFiles.WriteOptions.safe());
        System.out.println(created.record().fingerprint());    // SHA-1 of the PKCS#8, as the EC2 console shows it
      }

      // Import: what the provider accepts; anything else is refused with the provider's own code.
      KeyPairRecord laptop = ec2.importPublicKey("laptop", Files.readAllBytes(pub), Map.of());
      System.out.println(laptop.fingerprint());                // Ed25519 on AWS: padded base64 SHA-256
      try {
        ec2.importKey("old", KeyGenerator.create().generate(KeyType.ECDSA_NISTP256, Comment.none()).publicKey(),
            PublicKeyFormat.OPENSSH, Map.of());
      } catch (KeyPairException e) {
        System.out.println(e.code());                          // InvalidKeyPair.Format: EC2 takes no ECDSA keys
      }

      // List with filters, and bind a key pair to an instance: what the instance then serves.
      for (KeyPairRecord k : ec2.listAll(KeyPairQuery.builder().tag("team", "ops").build())) {
        System.out.println(k.name() + " " + k.origin().label());   // deploy created
      }
      ec2.addInstance("i-0123456789abcdef0", OsType.LINUX, InstanceState.RUNNING);
      ec2.attach("laptop", List.of("i-0123456789abcdef0"));
      System.out.print(ec2.instance("i-0123456789abcdef0").authorizedKeys());   // ssh-ed25519 AAAA... laptop
    }
    // snippet:end
  }
}
