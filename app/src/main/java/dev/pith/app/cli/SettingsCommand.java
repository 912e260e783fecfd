package dev.pith.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.app.cloud.CloudSettings;
import dev.pith.app.cloud.CloudStore;
import dev.pith.inference.cloud.CloudEndpoint;
import dev.pith.storage.Database;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pith settings get|set|list}: the settings the command line shares with the window, by dotted key. Values
 * are checked before anything is written; a refused value is exit code 2 and changes nothing.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "Read or change a setting: get KEY, set KEY VALUE, list. Keys: cloud.enabled, cloud.base_url, "
        + "cloud.model, privacy.phone_region, privacy.terms.")
final class SettingsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand private PithCommand root;
  @Spec private CommandSpec spec;

  /** One setting: how it is read from and written into its JSON entry. */
  private enum Key {
    CLOUD_ENABLED("cloud.enabled", "true or false: whether \"Ask the cloud\" is offered (off by default)") {
      @Override
      String get(Database db) {
        return Boolean.toString(CloudStore.cloud(db).enabled());
      }

      @Override
      void set(Database db, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw refused("cloud.enabled is true or false, not \"" + value + "\"");
        }
        CloudStore.save(db, CloudStore.cloud(db).withEnabled(Boolean.parseBoolean(v)));
      }
    },
    CLOUD_BASE_URL("cloud.base_url", "an OpenAI-compatible API's base URL, e.g. https://api.openai.com/v1 (empty: "
        + "none)") {
      @Override
      String get(Database db) {
        return CloudStore.cloud(db).baseUrl();
      }

      @Override
      void set(Database db, String value) {
        String url = value.strip();
        if (!url.isEmpty()) {
          try {
            url = CloudEndpoint.parseBaseUrl(url).toString();
          } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
          }
          if (url.endsWith("/chat/completions")) {
            throw refused("cloud.base_url is the part before /chat/completions, e.g. https://api.openai.com/v1");
          }
        }
        CloudStore.save(db, CloudStore.cloud(db).withBaseUrl(url));
      }
    },
    CLOUD_MODEL("cloud.model", "the model name the server knows, e.g. gpt-4o-mini (empty: none)") {
      @Override
      String get(Database db) {
        return CloudStore.cloud(db).model();
      }

      @Override
      void set(Database db, String value) {
        String model = value.strip();
        if (model.chars().anyMatch(Character::isISOControl) || model.length() > 200) {
          throw refused("cloud.model is one line of at most 200 characters");
        }
        CloudStore.save(db, CloudStore.cloud(db).withModel(model));
      }
    },
    PRIVACY_PHONE_REGION("privacy.phone_region", "two letters (ISO 3166), e.g. GB: how phone numbers without a "
        + "country code are read (empty: the locale's country, else US)") {
      @Override
      String get(Database db) {
        return CloudStore.privacy(db).phoneRegion();
      }

      @Override
      void set(Database db, String value) {
        try {
          CloudStore.save(db, CloudStore.privacy(db).withPhoneRegion(value));
        } catch (IllegalArgumentException e) {
          throw refused("privacy.phone_region: " + e.getMessage());
        }
      }
    },
    PRIVACY_TERMS("privacy.terms", "names and terms always replaced before sending: comma-separated, or a JSON "
        + "array of strings (empty: none)") {
      @Override
      String get(Database db) {
        List<String> terms = CloudStore.privacy(db).terms();
        if (terms.stream().anyMatch(t -> t.contains(",") || t.contains("\""))) {
          try {
            return JSON.writeValueAsString(terms);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        }
        return String.join(", ", terms);
      }

      @Override
      void set(Database db, String value) {
        CloudStore.save(db, CloudStore.privacy(db).withTerms(terms(value)));
      }
    };

    final String name;
    final String help;

    Key(String name, String help) {
      this.name = name;
      this.help = help;
    }

    abstract String get(Database db);

    abstract void set(Database db, String value);

    static Key of(String name) {
      for (Key k : values()) {
        if (k.name.equals(name.strip().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw refused("no setting \"" + name + "\"; the settings are " + names());
    }

    static String names() {
      return Arrays.stream(values()).map(k -> k.name).collect(Collectors.joining(", "));
    }
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a subcommand is needed: get KEY, set KEY VALUE or list");
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a setting's value (empty: not set).")
  int get(@Parameters(paramLabel = "KEY") String name) {
    Key key = Key.of(name);
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Databases.openToLook(root.dataDir(), spec.commandLine().getErr())) {
      out.println(key.get(db));
    }
    out.flush();
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Change a setting. An empty VALUE (\"\") clears a text setting.")
  int set(@Parameters(index = "0", paramLabel = "KEY") String name,
      @Parameters(index = "1", paramLabel = "VALUE") String value) {
    Key key = Key.of(name);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Database db = Databases.open(root.dataDir(), err)) {
      key.set(db, value);
      out.println(key.name + " = " + key.get(db));
      if (key == Key.CLOUD_ENABLED && CloudStore.cloud(db).enabled()) {
        CloudSettings cloud = CloudStore.cloud(db);
        if (cloud.baseUrl().isBlank() || cloud.model().isBlank()) {
          err.println("The cloud also needs cloud.base_url and cloud.model, and a key: pith cloud set-key.");
        }
      }
    }
    out.flush();
    err.flush();
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every setting as KEY = VALUE.")
  int list() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Databases.openToLook(root.dataDir(), spec.commandLine().getErr())) {
      Map<String, String> all = new TreeMap<>();
      for (Key k : Key.values()) {
        all.put(k.name, k.get(db));
      }
      all.forEach((k, v) -> out.println(k + " = " + v));
    }
    out.flush();
    return 0;
  }

  /** Comma-separated terms, or a JSON array of strings. */
  static List<String> terms(String value) {
    String v = value.strip();
    if (v.startsWith("[")) {
      try {
        return JSON.readValue(v, new TypeReference<List<String>>() {});
      } catch (JsonProcessingException e) {
        throw refused("privacy.terms starting with [ must be a JSON array of strings, e.g. [\"Smith, Jones & Co\"]");
      }
    }
    return Arrays.stream(v.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  private static CliException refused(String message) {
    return new CliException(message, 2);
  }
}
