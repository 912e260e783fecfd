package dev.pith.inference.models;

import java.time.Duration;

/**
 * Where a pull stands. Sizes are -1 while unknown (a catalog without sizes, before the server said).
 *
 * @param modelId the model being pulled
 * @param file the file being downloaded (its path in the model)
 * @param fileIndex 1-based number of that file
 * @param fileCount how many files the model has
 * @param fileBytes bytes of that file on disk
 * @param fileTotal its size, or -1
 * @param bytes bytes of the whole model on disk (verified files plus this file so far)
 * @param totalBytes the model's size, or -1
 * @param bytesPerSecond download speed over the last few seconds (0 before there is any)
 * @param eta time left at that speed, or null when it cannot be told
 * @param fileDone true in the one report sent when the file is complete and verified
 */
public record PullProgress(String modelId, String file, int fileIndex, int fileCount, long fileBytes, long fileTotal,
    long bytes, long totalBytes, double bytesPerSecond, Duration eta, boolean fileDone) {

  /** The share done, 0 to 1, or -1 when the total is unknown. */
  public double fraction() {
    return totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : (totalBytes == 0 ? 1.0 : -1);
  }
}
