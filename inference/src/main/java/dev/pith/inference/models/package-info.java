/**
 * Models on this machine: the catalog of models Pith knows, resumable and verified downloads of them, and the
 * models folder ({@code <data-dir>/models}) as a store. No JavaFX here; the command line ({@code pith models})
 * and the window's Models page both drive it.
 *
 * <h2>The pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.pith.inference.models.Catalog}: {@code Catalog.read(Path)} / {@code Catalog.parse(InputStream,
 *       String)} validate a catalog (schema in README.md, "The catalog"); {@code models()}, {@code find(id)},
 *       {@code require(id)}. Each {@link dev.pith.inference.models.CatalogEntry} says where it runs ({@code cpu}
 *       or {@code hailo}), its license, context length, recommended {@link
 *       dev.pith.inference.models.ModelSampling}, and its files with the URL each comes from
 *       ({@code urlOf(file, endpoint)}).
 *   <li>{@link dev.pith.inference.models.ModelStore}: {@code new ModelStore(modelsDir,
 *       DownloadSettings.fromEnvironment(System.getenv()))}.
 *       <ul>
 *         <li>{@code installed()}, {@code find(id)}, {@code require(id)}: models Pith can load; a folder is one
 *             when it has a valid manifest ({@code pith-model.json}) whose files are all there, or, put there by
 *             hand, reads as a model folder. Staging folders (names starting with a dot) are never listed.
 *         <li>{@code available(catalog)}: the rows of a models list, each with its {@link
 *             dev.pith.inference.models.AvailableModel.State} (installed, partly downloaded, available, on the
 *             NPU).
 *         <li>{@code pullAsync(entry, listener)} returns a {@link dev.pith.inference.models.PullTask}: {@code
 *             cancel()} from any thread, {@code result()} a {@code CompletableFuture<InstalledModel>} that fails
 *             with a {@link dev.pith.inference.models.ModelException} (a {@link
 *             dev.pith.inference.models.PullCancelledException} after a cancel). {@code pull(entry, listener,
 *             cancellationToken)} does the same on the calling thread (the CLI).
 *         <li>{@code importFolder(dir, id)}, {@code verify(id)} (one line per problem), {@code remove(id)},
 *             {@code diskUse()}, {@code partialBytes(id)}.
 *       </ul>
 *   <li>{@link dev.pith.inference.models.DownloadSettings} and {@link dev.pith.inference.models.HubAccess}: the
 *       hub endpoint ({@code PITH_HF_ENDPOINT}), token ({@code HF_TOKEN}, sent to the hub's host only), proxy
 *       ({@code HTTPS_PROXY}...), timeouts, retries, free-space margin.
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * A pull runs on one thread: the caller's for {@code pull}, a {@code pith-download-N} daemon thread for {@code
 * pullAsync}. Its {@link dev.pith.inference.models.PullListener} is called on that thread, throttled to
 * {@link dev.pith.inference.models.DownloadSettings#progressInterval()} (plus one report per finished file), and
 * {@code result()} completes there too: a JavaFX page hands progress to the FX thread itself (latest value
 * wins, at most once a frame) and never blocks that thread on the future. Listing, import, verify and remove do
 * file I/O (verify hashes gigabytes, import loads the model once): call them off the FX thread.
 *
 * <h2>What a pull guarantees</h2>
 *
 * Files stream to {@code <models>/.partial/<id>/<path>.part}; an interrupted file resumes with {@code Range:
 * bytes=N-} (a server that ignores it sends the file again from the start); failures worth retrying (a dropped
 * or refused connection, a stall, HTTP 408/429/5xx) are retried with exponential backoff; free space is checked
 * before starting and per file; each file's size and SHA-256 are checked (catalog, else the hub's LFS ETag)
 * before it takes its own name. Only when every file is verified is the staging folder renamed to
 * {@code <models>/<id>/}, its manifest being the last file written, so a failed or cancelled pull never leaves
 * a folder that is listed or loaded; what it downloaded stays for the next pull to resume from. Two pulls of one
 * model, in one process or two, exclude each other with a file lock.
 */
package dev.pith.inference.models;
