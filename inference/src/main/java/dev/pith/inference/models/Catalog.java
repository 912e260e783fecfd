package dev.pith.inference.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model catalog ({@code assets/models.json}, or a file given with {@code --catalog}): the models Pith
 * knows how to download or find on the NPU. Reading it validates every entry, so a model that is in the
 * catalog can be downloaded without further checks; the first problem found is one line naming the entry and
 * the field.
 */
public final class Catalog {
  /** The catalog schema this Pith reads. */
  public static final int SCHEMA = 1;

  private final String origin;
  private final List<CatalogEntry> models;

  Catalog(String origin, List<CatalogEntry> models) {
    this.origin = origin;
    this.models = List.copyOf(models);
  }

  /**
   * Reads and validates a catalog file.
   *
   * @throws ModelException when the file cannot be read or one of its entries is wrong
   */
  public static Catalog read(Path file) throws ModelException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new ModelException("catalog " + file + " does not exist");
    } catch (IOException e) {
      throw new ModelException("catalog " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates a catalog; {@code origin} names it in messages (a path, or "the built-in catalog").
   *
   * @throws ModelException naming the entry and field of the first problem
   */
  public static Catalog parse(InputStream in, String origin) throws ModelException {
    return new Catalog(origin, new CatalogReader(origin).read(in));
  }

  /** A catalog without models: what lists only the installed ones when the real catalog cannot be read. */
  public static Catalog empty(String origin) {
    return new Catalog(origin, List.of());
  }

  /** Where the catalog came from, as given to {@link #parse}. */
  public String origin() {
    return origin;
  }

  /** Every model, in the catalog's order. */
  public List<CatalogEntry> models() {
    return models;
  }

  public Optional<CatalogEntry> find(String id) {
    return models.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * The model with this id.
   *
   * @throws ModelException listing the ids the catalog has when it has not this one
   */
  public CatalogEntry require(String id) throws ModelException {
    Optional<CatalogEntry> entry = find(id);
    if (entry.isPresent()) {
      return entry.get();
    }
    String known = models.stream().map(CatalogEntry::id).collect(Collectors.joining(", "));
    throw new ModelException("no model '" + id + "' in the catalog " + origin + " (it has: " + known + ")");
  }
}
