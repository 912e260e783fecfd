package dev.pith.inference.hailo;

/**
 * One progress line of a pull on hailo-ollama, as the server sent it ({@code {"status":"downloading",
 * "digest":"sha256:…","total":N,"completed":M}}).
 *
 * @param model the server's name of the model being pulled
 * @param status what the server is doing: "pulling manifest", "downloading", "verifying sha256 digest",
 *     "success", ...
 * @param digest the layer being downloaded; empty when the line names none
 * @param total that layer's size in bytes, or -1 when the line has none
 * @param completed bytes of it downloaded so far, or -1 when the line has none
 */
public record HailoPullProgress(String model, String status, String digest, long total, long completed) {

  /** The share of the layer done, 0 to 1, or -1 when the line gives no sizes. */
  public double fraction() {
    return total > 0 && completed >= 0 ? Math.min(1.0, (double) completed / total) : -1;
  }
}
