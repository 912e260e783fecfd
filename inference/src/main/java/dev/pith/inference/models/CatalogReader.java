package dev.pith.inference.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pith.inference.OneLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a catalog's JSON into entries, checking each field; see README.md "The catalog" for the schema. */
final class CatalogReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern REVISION = Pattern.compile("[0-9a-f]{40}");

  private final String origin;
  private String where;

  CatalogReader(String origin) {
    this.origin = origin;
  }

  List<CatalogEntry> read(InputStream in) throws ModelException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new ModelException("catalog " + origin + " is not valid JSON: " + OneLine.of(e.getOriginalMessage())
          + " (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      throw new ModelException("catalog " + origin + " cannot be read: " + OneLine.of(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelException("catalog " + origin + " is not a JSON object");
    }
    JsonNode schema = root.path("schema");
    if (!schema.canConvertToInt() || !schema.isIntegralNumber()) {
      throw new ModelException("catalog " + origin + ": \"schema\" must be an integer (" + Catalog.SCHEMA + ")");
    }
    if (schema.asInt() > Catalog.SCHEMA) {
      throw new ModelException("catalog " + origin + " has schema " + schema.asInt()
          + ", newer than this Pith understands (" + Catalog.SCHEMA + ")");
    }
    JsonNode models = root.path("models");
    if (!models.isArray()) {
      throw new ModelException("catalog " + origin + ": \"models\" must be an array");
    }
    List<CatalogEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      where = "models[" + i + "]";
      CatalogEntry entry = entry(models.get(i));
      if (!ids.add(entry.id())) {
        throw problem("id", "'" + entry.id() + "' appears twice in the catalog");
      }
      entries.add(entry);
    }
    return entries;
  }

  private CatalogEntry entry(JsonNode node) throws ModelException {
    if (!node.isObject()) {
      throw new ModelException("catalog " + origin + ": " + where + " is not an object");
    }
    String id = requiredText(node, "id");
    if (!ModelStore.isValidId(id)) {
      throw problem("id", "'" + id + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    where = where + " (" + id + ")";
    String backend = requiredText(node, "backend").toLowerCase(Locale.ROOT);
    if (!backend.equals(CatalogEntry.CPU) && !backend.equals(CatalogEntry.HAILO)) {
      throw problem("backend", "must be cpu or hailo, got '" + backend + "'");
    }
    int context = node.path("context_length").asInt(0);
    if (context <= 0) {
      throw problem("context_length", "must be a positive integer");
    }
    List<CatalogFile> files = files(node.path("files"));
    List<String> hailoNames = texts(node.path("hailo_names"), "hailo_names");
    ModelSource source = null;
    if (backend.equals(CatalogEntry.CPU)) {
      if (files.isEmpty()) {
        throw problem("files", "a cpu model needs at least one file");
      }
      source = source(node.path("source"), files);
    } else {
      if (!files.isEmpty()) {
        throw problem("files", "a hailo model has no files (hailo-ollama pulls it)");
      }
      if (hailoNames.isEmpty()) {
        throw problem("hailo_names", "a hailo model needs its hailo-ollama name(s)");
      }
    }
    return new CatalogEntry(id, requiredText(node, "name"), optionalText(node, "family"), backend,
        requiredText(node, "license"), optionalText(node, "license_url"), context, optionalText(node, "chat_template"),
        optionalText(node, "description"), sampling(node.path("sampling")), source, files, hailoNames,
        optionalText(node, "notes"), node.toString());
  }

  private ModelSource source(JsonNode node, List<CatalogFile> files) throws ModelException {
    if (!node.isObject()) {
      if (files.stream().allMatch(f -> f.url() != null)) {
        return new ModelSource(null, null, null, null);
      }
      throw problem("source", "must be an object with \"repo\" (or \"base_url\"), or every file needs a \"url\"");
    }
    String repo = optionalText(node, "repo", "source.repo");
    String revision = optionalText(node, "revision", "source.revision");
    String subfolder = optionalText(node, "subfolder", "source.subfolder");
    URI baseUrl = url(node, "base_url", "source.base_url");
    if (subfolder != null && ModelPaths.problem(subfolder) != null) {
      throw problem("source.subfolder", "'" + subfolder + "' " + ModelPaths.problem(subfolder));
    }
    if (repo != null && !REPO.matcher(repo).matches()) {
      throw problem("source.repo", "must be owner/name, got '" + repo + "'");
    }
    if (revision != null && !REVISION.matcher(revision).matches()) {
      throw problem("source.revision", "must be a full 40-hex commit id or null, got '" + revision + "'");
    }
    if (repo == null && baseUrl == null && files.stream().anyMatch(f -> f.url() == null)) {
      throw problem("source", "needs \"repo\" or \"base_url\" for the files that have no \"url\"");
    }
    return new ModelSource(repo, revision, subfolder, baseUrl);
  }

  private List<CatalogFile> files(JsonNode node) throws ModelException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw problem("files", "must be an array");
    }
    List<CatalogFile> files = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    String entryWhere = where;
    for (int i = 0; i < node.size(); i++) {
      JsonNode file = node.get(i);
      where = entryWhere + ".files[" + i + "]";
      if (!file.isObject()) {
        throw new ModelException("catalog " + origin + ": " + where + " must be an object");
      }
      String path = requiredText(file, "path");
      String bad = ModelPaths.problem(path);
      if (bad != null) {
        throw problem("path", "'" + path + "' " + bad);
      }
      if (!paths.add(path)) {
        throw problem("path", "'" + path + "' appears twice");
      }
      JsonNode size = file.path("size");
      long bytes = -1;
      if (!size.isMissingNode() && !size.isNull()) {
        if (!size.isIntegralNumber() || size.asLong() < 0) {
          throw problem("size", "must be a byte count >= 0 or null");
        }
        bytes = size.asLong();
      }
      String sha = optionalText(file, "sha256");
      if (sha != null && !SHA256.matcher(sha).matches()) {
        throw problem("sha256", "must be 64 lower-case hex digits or null, got '" + sha + "'");
      }
      files.add(new CatalogFile(path, bytes, sha, url(file, "url", "url")));
    }
    where = entryWhere;
    return files;
  }

  private ModelSampling sampling(JsonNode node) throws ModelException {
    if (node.isMissingNode() || node.isNull()) {
      return ModelSampling.NONE;
    }
    if (!node.isObject()) {
      throw problem("sampling", "must be an object");
    }
    return new ModelSampling(number(node, "temperature"), number(node, "top_p"), integer(node, "top_k"),
        number(node, "repetition_penalty"), integer(node, "max_tokens"));
  }

  private Double number(JsonNode node, String name) throws ModelException {
    JsonNode value = samplingValue(node, name, false);
    return value == null ? null : value.asDouble();
  }

  private Integer integer(JsonNode node, String name) throws ModelException {
    JsonNode value = samplingValue(node, name, true);
    return value == null ? null : value.asInt();
  }

  /** A sampling value: null when absent, else a number >= 0 (an integer when {@code integral}). */
  private JsonNode samplingValue(JsonNode node, String name, boolean integral) throws ModelException {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!(integral ? value.isIntegralNumber() : value.isNumber()) || value.asDouble() < 0) {
      throw problem("sampling." + name, integral ? "must be an integer >= 0" : "must be a number >= 0");
    }
    return value;
  }

  private URI url(JsonNode node, String name, String field) throws ModelException {
    String text = optionalText(node, name, field);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw problem(field, "must be an absolute http(s) URL, got '" + text + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw problem(field, "is not a URL: " + e.getMessage());
    }
  }

  private List<String> texts(JsonNode node, String field) throws ModelException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw problem(field, "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw problem(field, "must be an array of non-empty strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private String requiredText(JsonNode node, String name) throws ModelException {
    JsonNode value = node.path(name);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw problem(name, "is required (a non-empty string)");
    }
    return value.asText();
  }

  private String optionalText(JsonNode node, String name) throws ModelException {
    return optionalText(node, name, name);
  }

  private String optionalText(JsonNode node, String name, String field) throws ModelException {
    JsonNode value = node.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw problem(field, "must be a string or null");
    }
    return value.asText();
  }

  private ModelException problem(String field, String what) {
    return new ModelException("catalog " + origin + ": " + where + "." + field + " " + what);
  }
}
