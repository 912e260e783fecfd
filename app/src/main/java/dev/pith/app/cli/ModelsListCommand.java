package dev.pith.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pith.inference.models.AvailableModel;
import dev.pith.inference.models.ByteSize;
import dev.pith.inference.models.CatalogEntry;
import dev.pith.inference.models.InstalledModel;
import dev.pith.inference.models.ModelException;
import dev.pith.inference.models.ModelStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pith models list}: the catalog's models and the installed ones, with where each stands. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the catalog's models and the installed ones.")
final class ModelsListCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROW = "%-40s %-7s %-9s %s%n";

  @ParentCommand private ModelsCommand models;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "One JSON object per model.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    PithCommand root = models.root();
    ModelStore store = root.modelStore();
    List<AvailableModel> rows = store.available(root.catalog());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      for (AvailableModel row : rows) {
        out.println(JSON.writeValueAsString(jsonRow(row)));
      }
      return 0;
    }
    out.printf(ROW, "ID", "BACKEND", "SIZE", "STATE");
    for (AvailableModel row : rows) {
      out.printf(ROW, row.id(), backend(row), size(row), state(row));
    }
    ModelStore.DiskUse use = store.diskUse();
    out.println();
    out.println("Models folder " + store.modelsDir() + ": " + ByteSize.format(use.installedBytes()) + " installed"
        + (use.partialBytes() > 0 ? ", " + ByteSize.format(use.partialBytes()) + " of unfinished downloads" : "")
        + (use.freeBytes() >= 0 ? ", " + ByteSize.format(use.freeBytes()) + " free" : ""));
    return 0;
  }

  private static String backend(AvailableModel row) {
    return row.entry().map(CatalogEntry::backend).orElse(CatalogEntry.CPU);
  }

  private static String size(AvailableModel row) {
    if (row.installed().isPresent()) {
      return ByteSize.format(row.installed().get().sizeBytes());
    }
    long total = row.entry().map(CatalogEntry::totalSize).orElse(-1L);
    return total >= 0 ? ByteSize.format(total) : "-";
  }

  private static String state(AvailableModel row) {
    switch (row.state()) {
      case INSTALLED: {
        String origin = row.installed().map(InstalledModel::origin).orElse("");
        return origin.equals("import") ? "installed (imported)"
            : origin.equals("folder") ? "installed (a folder without a manifest)" : "installed";
      }
      case PARTIAL:
        return "partly downloaded (" + ByteSize.format(row.partialBytes()) + "; pull again to resume)";
      case NPU:
        return "on the NPU: hailo-ollama pulls it as "
            + String.join(" or ", row.entry().map(CatalogEntry::hailoNames).orElse(List.of()));
      default:
        return "available";
    }
  }

  private static ObjectNode jsonRow(AvailableModel row) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", row.id());
    node.put("name", row.entry().map(CatalogEntry::name).orElse(row.id()));
    node.put("backend", backend(row));
    node.put("state", row.state().name().toLowerCase(Locale.ROOT));
    node.put("origin", row.installed().map(InstalledModel::origin).orElse(null));
    if (row.installed().isPresent()) {
      node.put("size_bytes", row.installed().get().sizeBytes());
      node.put("dir", row.installed().get().dir().toString());
    } else {
      long total = row.entry().map(CatalogEntry::totalSize).orElse(-1L);
      if (total >= 0) {
        node.put("size_bytes", total);
      } else {
        node.putNull("size_bytes");
      }
      node.putNull("dir");
    }
    node.put("partial_bytes", row.partialBytes());
    row.entry().ifPresent(e -> e.hailoNames().forEach(node.withArray("hailo_names")::add));
    return node;
  }
}
