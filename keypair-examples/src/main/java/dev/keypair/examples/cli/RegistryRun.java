package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.store.BindingResult;
import dev.keypair.store.CreateFormat;
import dev.keypair.store.CreatedKeyPair;
import dev.keypair.store.Instance;
import dev.keypair.store.InstanceState;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.OsType;
import dev.keypair.store.Page;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.Region;
import dev.keypair.store.jdbc.JdbcKeyPairStore;
import dev.keypair.store.spi.KeyPairStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * What {@code keypair registry} does (its options and help are {@link RegistryCommand}'s): parses the
 * registry command, checks its usage, then opens the store and calls {@link KeyPairRegistry}. Usage is
 * checked and inputs are read before the store is opened, so a mistyped command creates no store file.
 */
final class RegistryRun {

  /** The commands, in the order usage errors list them. */
  private static final List<String> COMMANDS = List.of("create", "import", "list", "show", "delete", "instance",
      "attach", "detach");
  private static final List<String> INSTANCE_COMMANDS = List.of("add", "list", "restart", "show");

  /**
   * Opens the store at a {@code --store} location, or the default store for null. Tests set another
   * (an in-memory store); the command always uses the JDBC store.
   */
  static Function<String, KeyPairStore> stores = RegistryRun::openStore;

  private RegistryRun() {}

  /** What a registry command does once its usage is checked. */
  private interface Action {
    int run(KeyPairRegistry registry, boolean json);
  }

  static int run(CommandArgs global) {
    List<String> rest = global.rest();
    if (rest.isEmpty()) {
      throw new UsageException("a registry command is required: " + String.join(", ", COMMANDS));
    }
    String command = rest.get(0);
    int skip = 1;
    if (command.startsWith("-")) {
      throw new UsageException("unknown option '" + command + "' for registry (registry options go before the "
          + "command: --store, --provider, --region, --json)");
    }
    if (!COMMANDS.contains(command)) {
      throw new UsageException("unknown registry command '" + command + "'; commands: " + String.join(", ", COMMANDS));
    }
    if (command.equals("instance")) {
      if (rest.size() < 2 || !INSTANCE_COMMANDS.contains(rest.get(1))) {
        throw new UsageException("instance needs one of: " + String.join(", ", INSTANCE_COMMANDS));
      }
      command = "instance " + rest.get(1);
      skip = 2;
    }
    ProviderProfile profile = profile(global.value("provider", null));
    Region region = region(global.value("region", null));
    Options options = options(command);
    options.addOption(RegistryCommand.json());
    options.addOption(KeypairCommand.debugOption());
    org.apache.commons.cli.CommandLine line = KeypairCommand.parse(options,
        rest.subList(skip, rest.size()).toArray(String[]::new), false);
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "' for registry " + command);
    }
    KeypairCommand.checkNotRepeated(options, line);
    CommandArgs args = new CommandArgs(line);
    boolean json = global.has("json") || args.has("json");
    Action action = prepare(command, args);
    try (KeyPairStore store = stores.apply(global.value("store", null))) {
      return action.run(KeyPairRegistry.open(store, profile, region), json);
    }
  }

  private static KeyPairStore openStore(String location) {
    return location == null ? JdbcKeyPairStore.openSqlite(JdbcKeyPairStore.defaultPath())
        : JdbcKeyPairStore.open(location);
  }

  private static ProviderProfile profile(String id) {
    List<String> ids = new ArrayList<>();
    ProviderProfiles.all().forEach(p -> ids.add(p.id()));
    if (id == null) {
      throw new UsageException("registry needs --provider: one of " + String.join(", ", ids));
    }
    return ProviderProfiles.byId(id).orElseThrow(() -> new UsageException("unknown provider '" + id
        + "'; profiles: " + String.join(", ", ids)));
  }

  private static Region region(String id) {
    if (id == null) {
      throw new UsageException("registry needs --region (such as eu-west-1 or cn-hangzhou)");
    }
    try {
      return Region.of(id);
    } catch (IllegalArgumentException e) {
      throw new UsageException("bad --region '" + id + "': " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------------- options

  private static Options options(String command) {
    Options o = new Options();
    switch (command) {
      case "create":
        return o.addOption(name(true, false))
            .addOption(Option.builder().longOpt("type").hasArg().argName("TYPE").desc("rsa (default) or ed25519.").get())
            .addOption(Option.builder().longOpt("format").hasArg().argName("FMT").desc("pem (default) or ppk.").get())
            .addOption(Outputs.out(true))
            .addOption(Outputs.force())
            .addOption(tag());
      case "import":
        return o.addOption(name(true, false))
            .addOption(Inputs.in())
            .addOption(tag())
            .addOption(Option.builder().longOpt("from-private")
                .desc("Accept a private key file and register its public half.").get())
            .addOption(Passphrases.passphraseFile());
      case "list":
        return o.addOption(Option.builder().longOpt("name").hasArg().argName("PATTERN").desc("Name pattern.").get())
            .addOption(Option.builder().longOpt("fingerprint").hasArg().argName("FP").desc("Fingerprint.").get())
            .addOption(tag())
            .addOption(Option.builder().longOpt("page-size").hasArg().argName("N").desc("Page size.").get())
            .addOption(Option.builder().longOpt("page-token").hasArg().argName("T").desc("Page token.").get());
      case "show":
        return o.addOption(name(false, false))
            .addOption(Option.builder().longOpt("id").hasArg().argName("ID").desc("Key pair id.").get());
      case "delete":
        return o.addOption(name(true, true));
      case "attach":
      case "detach":
        return o.addOption(name(true, false))
            .addOption(Option.builder().longOpt("instance").hasArgs().argName("I").required()
                .desc("Instance id; repeatable.").get());
      case "instance add":
        return o.addOption(instanceId())
            .addOption(Option.builder().longOpt("os").hasArg().argName("OS").desc("linux (default) or windows.").get());
      case "instance restart":
      case "instance show":
        return o.addOption(instanceId());
      case "instance list":
        return o;
      default:
        throw new IllegalStateException(command);
    }
  }

  private static Option name(boolean required, boolean repeatable) {
    Option.Builder b = Option.builder().longOpt("name").argName("N").desc("Key pair name.");
    b = repeatable ? b.hasArgs() : b.hasArg();
    return (required ? b.required() : b).get();
  }

  private static Option tag() {
    return Option.builder().longOpt("tag").hasArgs().argName("K=V").desc("A tag; repeatable.").get();
  }

  private static Option instanceId() {
    return Option.builder().longOpt("id").hasArg().argName("I").required().desc("Instance id.").get();
  }

  // ------------------------------------------------------------------------------------- commands

  private static Action prepare(String command, CommandArgs a) {
    switch (command) {
      case "create":
        return create(a);
      case "import":
        return importKey(a);
      case "list":
        return list(a);
      case "show":
        return show(a);
      case "delete":
        return delete(a);
      case "attach":
      case "detach":
        return bind(command, a);
      case "instance add":
        return instanceAdd(a);
      case "instance list":
        return (r, json) -> {
          List<Instance> all = r.instances();
          if (json) {
            List<Object> items = new ArrayList<>();
            all.forEach(i -> items.add(instance(i, false)));
            printJson(Map.of("instances", items));
          } else {
            for (Instance i : all) {
              Streams.println(i.id() + "\t" + i.os().label() + "\t" + i.state().label() + "\t"
                  + i.keyPairName().orElse("-") + "\t" + (i.restartPending() ? "restart-pending" : "-"));
            }
          }
          return KeypairCommand.OK;
        };
      case "instance restart": {
        String id = a.value("id");
        return (r, json) -> printInstance(r.restart(id), json);
      }
      case "instance show": {
        String id = a.value("id");
        return (r, json) -> {
          Instance i = r.instance(id);
          if (json) {
            printJson(instance(i, true));
          } else {
            Streams.write(i.authorizedKeys().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          return KeypairCommand.OK;
        };
      }
      default:
        throw new IllegalStateException(command);
    }
  }

  private static Action create(CommandArgs a) {
    String name = a.value("name");
    KeyType type = a.choice("type", "rsa", Map.of("rsa", KeyType.RSA, "ed25519", KeyType.ED25519));
    CreateFormat format = a.choice("format", "pem", Map.of("pem", CreateFormat.PEM, "ppk", CreateFormat.PPK));
    Map<String, String> tags = tags(a);
    String out = a.value("out");
    boolean force = a.has("force");
    // before the provider creates anything: a refused file would lose the only copy of the private key
    if (!force && Files.exists(Path.of(out), LinkOption.NOFOLLOW_LINKS)) {
      throw new KeyPairException(ErrorCode.FILE_EXISTS, out + " exists; not replacing it (use --force)");
    }
    return (r, json) -> {
      try (CreatedKeyPair kp = r.create(name, type, format, tags)) {
        try {
          kp.writePrivateKey(Path.of(out), KeyFiles.WriteOptions.safe().withReplaceExisting(force));
        } catch (IOException e) {
          // the private key exists nowhere else: a key pair nobody can use is not kept
          String kept = "";
          try {
            r.deleteById(kp.record().id());
          } catch (RuntimeException d) {
            kept = "; the key pair " + kp.record().id() + " stays registered without its private key: delete it";
          }
          throw new KeyPairException(Outputs.unwritable(out, e).code(), "cannot write " + out + ": "
              + e.getClass().getSimpleName() + (kept.isEmpty() ? "; the key pair was not kept" : kept));
        }
        printRecord(kp.record(), false, json);
      }
      return KeypairCommand.OK;
    };
  }

  private static Action importKey(CommandArgs a) {
    String name = a.value("name");
    String in = a.value("in");
    Map<String, String> tags = tags(a);
    boolean fromPrivate = a.has("from-private");
    String passphraseFile = a.value("passphrase-file", null);
    byte[] content = Inputs.read(in, KeyPairLimits.defaults());
    boolean isPrivate = PrivateKeys.detect(content).isPresent();
    return (r, json) -> {
      KeyPairRecord record;
      try {
        if (isPrivate && !fromPrivate) {
          throw new KeyPairException(r.profile().codes().keyRefused(), (in.equals("-") ? "standard input" : in)
              + " is a private key file; import its public key, or pass --from-private to register the "
              + "public half of this private key");
        }
        if (isPrivate) {
          try (Passphrase p = Passphrases.read(passphraseFile)) {
            record = r.importFromPrivateKey(name, content, p, tags);
          }
        } else {
          record = r.importPublicKey(name, content, tags);
        }
      } finally {
        Arrays.fill(content, (byte) 0);
      }
      printRecord(record, false, json);
      return KeypairCommand.OK;
    };
  }

  private static Action list(CommandArgs a) {
    KeyPairQuery.Builder q = KeyPairQuery.builder();
    if (a.has("name")) {
      q.namePattern(a.value("name"));
    }
    if (a.has("fingerprint")) {
      q.fingerprint(a.value("fingerprint"));
    }
    tags(a).forEach(q::tag);
    if (a.has("page-size")) {
      try {
        q.pageSize(Integer.parseInt(a.value("page-size")));
      } catch (NumberFormatException e) {
        throw new UsageException("--page-size needs a number, not '" + a.value("page-size") + "'");
      }
    }
    if (a.has("page-token")) {
      q.pageToken(a.value("page-token"));
    }
    KeyPairQuery query = q.build();
    return (r, json) -> {
      Page<KeyPairRecord> page = r.list(query);
      if (json) {
        List<Object> items = new ArrayList<>();
        page.items().forEach(k -> items.add(record(k, false)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keyPairs", items);
        doc.put("nextPageToken", page.nextPageToken().orElse(null));
        printJson(doc);
      } else {
        for (KeyPairRecord k : page.items()) {
          Streams.println(k.id() + "\t" + k.name() + "\t" + k.type() + "\t" + k.bits() + "\t" + k.fingerprint() + "\t"
              + k.origin().label() + "\t" + k.created());
        }
        page.nextPageToken().ifPresent(t -> Streams.println("next-page-token: " + t));
      }
      return KeypairCommand.OK;
    };
  }

  private static Action show(CommandArgs a) {
    if (a.has("name") == a.has("id")) {
      throw new UsageException("show needs --name N or --id ID (one of them)");
    }
    String name = a.value("name", null);
    String id = a.value("id", null);
    return (r, json) -> {
      printRecord(name != null ? r.describe(name) : r.describeById(id), true, json);
      return KeypairCommand.OK;
    };
  }

  private static Action delete(CommandArgs a) {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(a.values("name")));
    return (r, json) -> {
      // the provider takes so many names per call (AWS one): a longer list is several calls
      int chunk = Math.max(1, r.profile().maxDeletePerCall());
      List<String> deleted = new ArrayList<>();
      for (int i = 0; i < names.size(); i += chunk) {
        List<String> part = names.subList(i, Math.min(names.size(), i + chunk));
        try {
          deleted.addAll(r.delete(part));
        } catch (KeyPairException e) {
          if (!deleted.isEmpty()) {
            Streams.warning("deleted before the refusal: " + String.join(", ", deleted));
          }
          throw e;
        }
      }
      if (json) {
        printJson(Map.of("deleted", deleted));
      } else {
        deleted.forEach(n -> Streams.println("deleted: " + n));
      }
      return KeypairCommand.OK;
    };
  }

  private static Action bind(String command, CommandArgs a) {
    String name = a.value("name");
    List<String> instances = a.values("instance");
    boolean attach = command.equals("attach");
    return (r, json) -> {
      List<BindingResult> results = attach ? r.attach(name, instances) : r.detach(name, instances);
      boolean refused = false;
      List<Object> items = new ArrayList<>();
      for (BindingResult b : results) {
        String code = b.error().map(ErrorCode::id).orElse(null);
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("instance", b.instanceId());
          m.put("succeeded", b.succeeded());
          m.put("code", code);
          m.put("message", b.message());
          items.add(m);
        } else {
          Streams.println(b.instanceId() + "\t" + (code == null ? "ok" : code) + "\t" + KeypairCommand.oneLine(b.message()));
        }
        refused |= !b.succeeded();
      }
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keyPair", name);
        doc.put("results", items);
        printJson(doc);
      }
      for (BindingResult b : results) {
        b.error().ifPresent(c -> Streams.error(c, "instance " + b.instanceId() + ": " + b.message()));
      }
      return refused ? KeypairCommand.REFUSED : KeypairCommand.OK;
    };
  }

  private static Action instanceAdd(CommandArgs a) {
    String id = a.value("id");
    OsType os = a.choice("os", "linux", Map.of("linux", OsType.LINUX, "windows", OsType.WINDOWS));
    return (r, json) -> printInstance(r.addInstance(id, os, InstanceState.RUNNING), json);
  }

  // ------------------------------------------------------------------------------------- output

  /** {@code --tag K=V}, each split at its first {@code =}; a key given twice is a usage error. */
  private static Map<String, String> tags(CommandArgs a) {
    Map<String, String> tags = new TreeMap<>();
    for (String t : a.values("tag")) {
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new UsageException("--tag needs KEY=VALUE, not '" + t + "'");
      }
      if (tags.put(t.substring(0, eq), t.substring(eq + 1)) != null) {
        throw new UsageException("--tag " + t.substring(0, eq) + " given more than once");
      }
    }
    return tags;
  }

  private static Map<String, Object> record(KeyPairRecord k, boolean withPublicKey) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("type", k.type());
    m.put("bits", k.bits());
    m.put("fingerprint", k.fingerprint());
    m.put("origin", k.origin().label());
    m.put("created", k.created().toString());
    m.put("tags", new LinkedHashMap<String, Object>(k.tags()));
    if (withPublicKey) {
      m.put("publicKey", k.publicKeyLine());
    }
    return m;
  }

  private static void printRecord(KeyPairRecord k, boolean withPublicKey, boolean json) {
    if (json) {
      printJson(record(k, withPublicKey));
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : record(k, withPublicKey).entrySet()) {
      if (e.getKey().equals("tags")) {
        k.tags().forEach((tk, tv) -> sb.append("tag: ").append(tk).append('=').append(tv).append('\n'));
      } else {
        sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
    }
    Streams.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Map<String, Object> instance(Instance i, boolean withAuthorizedKeys) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("os", i.os().label());
    m.put("state", i.state().label());
    m.put("keyPair", i.keyPairName().orElse(null));
    m.put("restartPending", i.restartPending());
    if (withAuthorizedKeys) {
      m.put("authorizedKeys", i.authorizedKeys());
    }
    return m;
  }

  private static int printInstance(Instance i, boolean json) {
    if (json) {
      printJson(instance(i, false));
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append("id: ").append(i.id()).append('\n');
      sb.append("os: ").append(i.os().label()).append('\n');
      sb.append("state: ").append(i.state().label()).append('\n');
      i.keyPairName().ifPresent(n -> sb.append("keyPair: ").append(n).append('\n'));
      sb.append("restartPending: ").append(i.restartPending()).append('\n');
      Streams.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return KeypairCommand.OK;
  }

  private static void printJson(Object document) {
    Streams.println(Json.write(document));
  }
}
