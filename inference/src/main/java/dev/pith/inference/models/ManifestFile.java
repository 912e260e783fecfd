package dev.pith.inference.models;

/**
 * One file of an installed model, as it was when installed.
 *
 * @param path its path inside the model folder, {@code /}-separated
 * @param size its size in bytes
 * @param sha256 its SHA-256, lower-case hex
 * @param checkedAgainst what the hash was checked against at install time: {@code catalog} (the catalog's
 *     pinned hash), {@code server} (the Hugging Face LFS ETag) or {@code none} (nothing stated one; the hash
 *     was computed so that {@code verify} can tell later changes)
 */
public record ManifestFile(String path, long size, String sha256, String checkedAgainst) {
  public static final String CATALOG = "catalog";
  public static final String SERVER = "server";
  public static final String NONE = "none";
}
