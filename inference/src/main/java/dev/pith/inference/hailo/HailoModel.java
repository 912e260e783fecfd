package dev.pith.inference.hailo;

import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model as Pith asks hailo-ollama for it. A model's name on the server changed between server versions, so a
 * catalog model carries every name it has had (its {@code hailo_names}, oldest first): Pith uses the one the server
 * lists, and pulls the one the server's version knows.
 *
 * @param label what Pith calls it: the catalog id, or the server name the user gave
 * @param names its names on hailo-ollama, oldest first
 * @param family the catalog's model family (to find the CPU twin's tokenizer); empty for a bare server name
 */
public record HailoModel(String label, List<String> names, String family) {
  /**
   * Names that hailo-ollama introduced or retired at a version: {@code deepseek_r1_distill_qwen:1.5b} in 5.1 and
   * 5.2, {@code deepseek_r1:1.5b} from 5.3 (Hailo's server source). Names not listed exist in every version.
   */
  private static final Map<String, String> INTRODUCED = Map.of("deepseek_r1:1.5b", "5.3");
  private static final Map<String, String> RETIRED = Map.of("deepseek_r1_distill_qwen:1.5b", "5.3");

  public HailoModel {
    Objects.requireNonNull(label, "label");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a hailo model needs at least one server name");
    }
    Objects.requireNonNull(family, "family");
  }

  /** A catalog model that runs on the NPU. */
  public static HailoModel of(CatalogEntry entry) {
    if (!CatalogEntry.HAILO.equals(entry.backend())) {
      throw new IllegalArgumentException(entry.id() + " is a " + entry.backend() + " model, not an NPU model");
    }
    return new HailoModel(entry.id(), entry.hailoNames(), entry.family());
  }

  /**
   * The NPU model of the same family (the same weights) as the catalog's CPU model {@code cpuId}: what the window
   * runs on the NPU for a CPU model the user chose. Empty for a model the catalog does not know or has no NPU
   * version of. {@link #tokenizerFolder} goes the other way.
   */
  public static Optional<HailoModel> twinOf(Catalog catalog, String cpuId) {
    return catalog.find(cpuId)
        .filter(cpu -> CatalogEntry.CPU.equals(cpu.backend()))
        .flatMap(cpu -> catalog.models().stream()
            .filter(e -> CatalogEntry.HAILO.equals(e.backend()) && e.family().equals(cpu.family()))
            .findFirst())
        .map(HailoModel::of);
  }

  /** A model known only by its name on the server. */
  public static HailoModel named(String serverName) {
    return new HailoModel(serverName, List.of(serverName), "");
  }

  /**
   * What {@code --model} (or a setting) names: a catalog id of an NPU model, any of a catalog model's server names
   * (so an old name still finds the model on a newer server), else a bare server name.
   *
   * @throws ModelException when it names a CPU model of the catalog
   */
  public static HailoModel resolve(Catalog catalog, String idOrName) throws ModelException {
    Optional<CatalogEntry> byId = catalog.find(idOrName);
    if (byId.isPresent()) {
      if (!CatalogEntry.HAILO.equals(byId.get().backend())) {
        String npu = catalog.models().stream().filter(e -> CatalogEntry.HAILO.equals(e.backend()))
            .map(CatalogEntry::id).collect(Collectors.joining(", "));
        throw new ModelException(idOrName + " is a CPU model; on the NPU use one of " + npu
            + ", or a model name hailo-ollama lists");
      }
      return of(byId.get());
    }
    for (CatalogEntry entry : catalog.models()) {
      if (entry.hailoNames().contains(idOrName)) {
        return of(entry);
      }
    }
    return named(idOrName);
  }

  /** The first of the names that the server lists, if any. */
  public Optional<String> listedIn(List<String> serverModels) {
    return names.stream().filter(serverModels::contains).findFirst();
  }

  /** The name to pull from a server of {@code version}: the first name that version knows, else the newest. */
  public String toPull(String version) {
    for (String name : names) {
      String since = INTRODUCED.get(name);
      String until = RETIRED.get(name);
      if ((since == null || compareVersions(version, since) >= 0)
          && (until == null || compareVersions(version, until) < 0)) {
        return name;
      }
    }
    return names.get(names.size() - 1);
  }

  /**
   * The folder of an installed CPU model of the same family (the same weights, hence the same tokenizer and chat
   * template) under {@code modelsDir}, to count prompt tokens exactly.
   */
  public Optional<Path> tokenizerFolder(Catalog catalog, Path modelsDir) {
    if (family.isEmpty()) {
      return Optional.empty();
    }
    ModelStore store = ModelStore.local(modelsDir);
    for (CatalogEntry entry : catalog.models()) {
      if (CatalogEntry.CPU.equals(entry.backend()) && family.equals(entry.family())) {
        Optional<Path> dir = store.find(entry.id()).map(m -> m.dir())
            .filter(d -> Files.isRegularFile(d.resolve("tokenizer.json")));
        if (dir.isPresent()) {
          return dir;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Compares dotted versions number by number ("5.10" after "5.9"); anything after the leading digits of a part
   * ("5.3.0-rc1") is ignored, and a missing part counts as 0.
   */
  static int compareVersions(String a, String b) {
    List<Integer> x = numbers(a);
    List<Integer> y = numbers(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      int c = Integer.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static List<Integer> numbers(String version) {
    List<Integer> parts = new ArrayList<>();
    for (String part : version.strip().replaceFirst("^[vV]", "").split("\\.")) {
      String digits = part.replaceFirst("^(\\d*).*$", "$1");
      if (digits.isEmpty()) {
        break;
      }
      parts.add(Integer.parseInt(digits.length() > 9 ? digits.substring(0, 9) : digits));
    }
    return parts;
  }
}
