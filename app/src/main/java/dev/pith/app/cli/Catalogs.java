package dev.pith.app.cli;

import dev.pith.inference.models.Catalog;
import dev.pith.inference.models.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which model catalog the command line uses: {@code --catalog FILE}, else {@code $PITH_CATALOG}, else the one
 * built into pith.jar (a copy of {@code assets/models.json} made by the build). Settings → Models uses the same
 * catalog (without the option).
 */
public final class Catalogs {
  /** Where the build puts assets/models.json on the class path. */
  static final String BUILT_IN = "/dev/pith/app/models/models.json";

  private Catalogs() {}

  /** {@code option} is the {@code --catalog} value, or null when not given. */
  public static Catalog load(Path option, Map<String, String> environment) throws ModelException {
    if (option != null) {
      return Catalog.read(option);
    }
    String fromEnv = environment.get("PITH_CATALOG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Catalog.read(Path.of(fromEnv));
    }
    return builtIn();
  }

  static Catalog builtIn() throws ModelException {
    try (InputStream in = Catalogs.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new ModelException("the built-in model catalog is missing from this build (" + BUILT_IN + ")");
      }
      return Catalog.parse(in, "(built in)");
    } catch (IOException e) {
      throw new ModelException("the built-in model catalog cannot be read: " + e.getMessage(), e);
    }
  }
}
