package dev.pith.inference.models;

import dev.pith.inference.CancellationToken;
import dev.pith.inference.ModelLoadException;
import dev.pith.inference.onnx.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The models folder ({@code <data-dir>/models}): which models are installed, pulling catalog models into it,
 * importing folders, verifying and removing models. A model is installed when {@code <models>/<id>/} holds a
 * valid manifest whose files are all there, or (a folder put there by hand) when it reads as a model folder;
 * anything else there is incomplete, and folders whose names start with a dot (the staging folder
 * {@code .partial}) are never looked at. Safe to use from several threads; two pulls of one model exclude each
 * other.
 */
public final class ModelStore {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Download threads, created as pulls start: pulls are rare and long, a pool would only hold idle threads. */
  private static final ExecutorService DOWNLOADS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "pith-download-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private final Path modelsDir;
  private final DownloadSettings settings;
  private final ModelValidator validator;
  private final Clock clock;

  /**
   * A store for what needs no network (listing, finding, import, verify, remove), e.g. to resolve
   * {@code --model ID}: its pulls would go to huggingface.co directly, without the environment's token or proxy.
   */
  public static ModelStore local(Path modelsDir) {
    return new ModelStore(modelsDir, DownloadSettings.defaults(new HubAccess(HubAccess.DEFAULT_ENDPOINT, null,
        java.net.ProxySelector.of(null))));
  }

  /** A store that validates imports by loading them on the CPU backend. */
  public ModelStore(Path modelsDir, DownloadSettings settings) {
    this(modelsDir, settings, ModelValidator.CPU_BACKEND, Clock.systemUTC());
  }

  public ModelStore(Path modelsDir, DownloadSettings settings, ModelValidator validator, Clock clock) {
    this.modelsDir = modelsDir.toAbsolutePath().normalize();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True for ids a model may have: letters, digits, '.', '_', '-', starting with a letter or digit. */
  public static boolean isValidId(String id) {
    return ID.matcher(id).matches();
  }

  public Path modelsDir() {
    return modelsDir;
  }

  /** Every installed model, sorted by id. Incomplete folders and staging folders are left out. */
  public List<InstalledModel> installed() {
    List<InstalledModel> models = new ArrayList<>();
    for (Path dir : subfolders()) {
      inspect(dir).ifPresent(models::add);
    }
    return models;
  }

  /** The installed model {@code id}, or empty when there is none (or its folder is incomplete). */
  public Optional<InstalledModel> find(String id) {
    Path dir = folderOf(id);
    return dir != null && Files.isDirectory(dir) ? inspect(dir) : Optional.empty();
  }

  /**
   * The installed model {@code id}.
   *
   * @throws ModelException saying it is not installed, or why its folder is not a usable model
   */
  public InstalledModel require(String id) throws ModelException {
    Optional<InstalledModel> model = find(id);
    if (model.isPresent()) {
      return model.get();
    }
    Path dir = folderOf(id);
    if (dir != null && Files.isDirectory(dir)) {
      throw new ModelException("model '" + id + "' in " + dir + " is incomplete (" + problem(dir)
          + "); remove it, then pull or import it again");
    }
    throw new ModelException("model '" + id + "' is not installed in " + modelsDir);
  }

  /**
   * The catalog's models in its order, each with its state here, then the installed models the catalog does not
   * have (sorted by id).
   */
  public List<AvailableModel> available(Catalog catalog) {
    List<AvailableModel> rows = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (CatalogEntry entry : catalog.models()) {
      listed.add(entry.id());
      InstalledModel installed = entry.downloadable() ? find(entry.id()).orElse(null) : null;
      rows.add(new AvailableModel(entry.id(), entry, installed, installed == null ? partialBytes(entry.id()) : 0));
    }
    for (InstalledModel model : installed()) {
      if (!listed.contains(model.id())) {
        rows.add(new AvailableModel(model.id(), null, model, 0));
      }
    }
    return rows;
  }

  /** Bytes an unfinished pull of {@code id} left for resuming. */
  public long partialBytes(String id) {
    return isValidId(id) ? Folders.size(Staging.folder(modelsDir, id)) : 0;
  }

  /**
   * Downloads and installs a catalog model on the calling thread; an installed model is returned as it is.
   *
   * @param listener hears progress on this thread
   * @param cancel flipped from any thread to stop; the download is kept for resuming
   * @throws PullCancelledException when cancelled
   * @throws ModelException one line for anything else: an NPU model, a folder in the way, too little disk
   *     space, a file the server does not have, a connection that keeps failing, a wrong checksum
   */
  public InstalledModel pull(CatalogEntry entry, PullListener listener, CancellationToken cancel)
      throws ModelException {
    if (!entry.downloadable()) {
      throw new ModelException(entry.id() + " runs on the NPU: hailo-ollama downloads it (as "
          + String.join(" or ", entry.hailoNames()) + "); Pith has nothing to download for it");
    }
    Optional<InstalledModel> present = find(entry.id());
    if (present.isPresent() && present.get().manifest().isPresent()) {
      return present.get();
    }
    Path target = modelsDir.resolve(entry.id());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ModelException(target + " already exists but was not installed by Pith; remove it first (pith models"
          + " rm " + entry.id() + ")");
    }
    createModelsDir();
    Path dir = new ModelPull(modelsDir, settings, clock).run(entry, listener, cancel);
    return inspect(dir).orElseThrow(() -> new ModelException(dir + " was installed but does not read back"));
  }

  /**
   * Starts {@link #pull} on a download thread ({@code pith-download-N}); progress and the result are delivered
   * on that thread.
   */
  public PullTask pullAsync(CatalogEntry entry, PullListener listener) {
    return pullAsync(entry, listener, DOWNLOADS);
  }

  /** Like {@link #pullAsync(CatalogEntry, PullListener)} on the given executor. */
  public PullTask pullAsync(CatalogEntry entry, PullListener listener, Executor executor) {
    CancellationToken token = new CancellationToken();
    CompletableFuture<InstalledModel> result = new CompletableFuture<>();
    PullTask task = new PullTask(entry.id(), token, result);
    executor.execute(() -> {
      try {
        result.complete(pull(entry, listener, token));
      } catch (ModelException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return task;
  }

  /**
   * Imports a model folder as {@code id}: validates it (its configs, ONNX graph and tokenizer load), copies it,
   * and installs the copy with a manifest. The source folder is not changed.
   *
   * @throws ModelException naming what is wrong with the folder, or an id that is taken or invalid
   */
  public InstalledModel importFolder(Path source, String id) throws ModelException {
    if (!isValidId(id)) {
      throw new ModelException("'" + id + "' cannot be a model id: use letters, digits, '.', '_' or '-', starting"
          + " with a letter or digit");
    }
    createModelsDir();
    Path dir = new ModelImport(modelsDir, validator, clock).run(source, id);
    return inspect(dir).orElseThrow(() -> new ModelException(dir + " was imported but does not read back"));
  }

  /** The id an imported folder gets when none is given: its name, with other characters turned into '-'. */
  public static String idFor(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    String id = (name == null ? "model" : name.toString()).replaceAll("[^A-Za-z0-9._-]+", "-")
        .replaceAll("^[._-]+", "");
    return id.isEmpty() ? "model" : id.length() > 128 ? id.substring(0, 128) : id;
  }

  /**
   * Re-hashes every file of an installed model against its manifest.
   *
   * @return one line per problem (a missing file, a size or SHA-256 that differs); empty when all is well
   * @throws ModelException when the model is not installed, or has no manifest to check against
   */
  public List<String> verify(String id) throws ModelException {
    Path dir = modelsDir.resolve(id);
    if (!isValidId(id) || !Files.isDirectory(dir)) {
      throw new ModelException("model '" + id + "' is not installed in " + modelsDir);
    }
    if (!Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
      throw new ModelException(dir + " has no " + Manifest.FILE_NAME + " (it was not installed by pith models pull"
          + " or import): there is nothing to verify it against");
    }
    Manifest manifest = Manifest.read(dir);
    List<String> problems = new ArrayList<>();
    for (ManifestFile file : manifest.files()) {
      Path path = ModelPaths.resolve(dir, file.path());
      try {
        if (!Files.isRegularFile(path)) {
          problems.add(file.path() + ": missing");
          continue;
        }
        long size = Files.size(path);
        if (size != file.size()) {
          problems.add(file.path() + ": " + size + " bytes, expected " + file.size());
          continue;
        }
        String sha = Sha256.of(path);
        if (!sha.equals(file.sha256())) {
          problems.add(file.path() + ": SHA-256 is " + sha + ", expected " + file.sha256());
        }
      } catch (IOException e) {
        problems.add(file.path() + ": cannot be read: " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * Removes an installed model, or what an unfinished pull or import of it left. The folder is first renamed
   * into the staging area, so it leaves the list at once even when deleting a large model takes a while.
   *
   * @throws ModelException when there is nothing of that id, or a pull of it is running
   */
  public void remove(String id) throws ModelException {
    if (!isValidId(id)) {
      throw new ModelException("model '" + id + "' is not installed in " + modelsDir);
    }
    Path dir = modelsDir.resolve(id);
    boolean installed = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    Path partial = Staging.folder(modelsDir, id);
    Path partialImport = Staging.folder(modelsDir, id + ".import");
    if (!installed && !Files.exists(partial) && !Files.exists(partialImport)) {
      throw new ModelException("model '" + id + "' is not installed in " + modelsDir);
    }
    try (Staging lock = Staging.open(modelsDir, id, id)) {
      if (installed) {
        Path trash = Staging.folder(modelsDir, ".removing-" + id + "-" + System.nanoTime());
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteTree(trash);
      }
      Folders.deleteTree(partial);
      Folders.deleteTree(partialImport);
    } catch (IOException e) {
      throw new ModelException("cannot remove " + dir + ": " + e.getMessage(), e);
    }
  }

  /** What the models folder holds on disk, and how much room is left. */
  public DiskUse diskUse() {
    long installed = installed().stream().mapToLong(InstalledModel::sizeBytes).sum();
    long partial = Folders.size(modelsDir.resolve(Staging.DIR));
    long free = -1;
    try {
      Path existing = Files.isDirectory(modelsDir) ? modelsDir : modelsDir.getParent();
      while (existing != null && !Files.isDirectory(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        free = settings.freeSpace().usableBytes(existing);
      }
    } catch (IOException e) {
      free = -1;
    }
    return new DiskUse(installed, partial, free);
  }

  /**
   * Bytes on disk.
   *
   * @param installedBytes the installed models
   * @param partialBytes unfinished pulls kept for resuming
   * @param freeBytes free space on the models folder's disk, or -1 when it cannot be told
   */
  public record DiskUse(long installedBytes, long partialBytes, long freeBytes) {}

  private List<Path> subfolders() {
    if (!Files.isDirectory(modelsDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(modelsDir)) {
      return entries.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isDirectory).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }

  /** {@code <models>/<id>}, or null when {@code id} is hidden or not a single folder name. */
  private Path folderOf(String id) {
    if (id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\")) {
      return null;
    }
    Path dir = modelsDir.resolve(id).normalize();
    return modelsDir.equals(dir.getParent()) ? dir : null;
  }

  private Optional<InstalledModel> inspect(Path dir) {
    if (dir.getFileName().toString().startsWith(".")) {
      return Optional.empty();
    }
    try {
      Manifest manifest = checked(dir);
      return Optional.of(new InstalledModel(dir.getFileName().toString(), dir, manifest, Folders.size(dir)));
    } catch (ModelException | ModelLoadException e) {
      return Optional.empty();
    }
  }

  /** Why {@code dir} is not an installed model, or null when it is one. */
  private static String problem(Path dir) {
    try {
      checked(dir);
      return null;
    } catch (ModelException | ModelLoadException e) {
      return e.getMessage();
    }
  }

  /**
   * Checks an installed model's folder: with a manifest, every file it lists is there with its size (hashing is
   * {@link #verify}'s job); without one, the folder reads as a model folder.
   *
   * @return the manifest, or null for a folder without one
   */
  private static Manifest checked(Path dir) throws ModelException, ModelLoadException {
    if (!Files.exists(dir.resolve(Manifest.FILE_NAME))) {
      ModelFolder.read(dir);
      return null;
    }
    Manifest manifest = Manifest.read(dir);
    for (ManifestFile file : manifest.files()) {
      Path path = ModelPaths.resolve(dir, file.path());
      try {
        if (!Files.isRegularFile(path)) {
          throw new ModelException(file.path() + " is missing");
        }
        if (Files.size(path) != file.size()) {
          throw new ModelException(file.path() + " has " + Files.size(path) + " bytes, the manifest says "
              + file.size());
        }
      } catch (IOException e) {
        throw new ModelException(file.path() + " cannot be read: " + e.getMessage(), e);
      }
    }
    return manifest;
  }

  private void createModelsDir() throws ModelException {
    try {
      Files.createDirectories(modelsDir);
    } catch (IOException e) {
      throw new ModelException("cannot create the models folder " + modelsDir + ": " + e.getMessage(), e);
    }
  }
}
