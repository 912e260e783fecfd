package dev.pith.app;

import dev.pith.storage.model.MessageMetrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an answer might be worth asking the cloud about (issue 10, "edge-first, cloud when it matters"): the model was
 * unusually unsure of its words, or the conversation outgrew the context window so the answer did not see all of it.
 * Only a hint for the "Ask the cloud" action; sending still needs the user's click.
 *
 * <p>"Unusually" is measured against the same model's own recent answers: an answer is flagged when its geometric
 * mean token probability ({@code exp(meanLogprob)}) is below the 10th percentile of theirs. Until there are
 * {@link #HISTORY_NEEDED} of them, a fixed line stands in: below {@link #FALLBACK_MEAN_PROBABILITY}.
 *
 * @param reason one short sentence for the action's tooltip
 */
public record CloudHint(String reason) {
  /** How many earlier answers of a model make its "usual". */
  public static final int HISTORY_NEEDED = 20;
  /** Below this geometric mean token probability an answer is unsure whatever the history (≈ 1 in 2.7). */
  public static final double FALLBACK_MEAN_PROBABILITY = Math.exp(-1.0);

  public CloudHint {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The hint for an answer with {@code metrics}, given the mean log-probabilities of the same model's earlier answers
   * ({@code usual}, any order); empty when nothing stands out.
   */
  public static Optional<CloudHint> of(MessageMetrics metrics, double[] usual) {
    Objects.requireNonNull(metrics, "metrics");
    Integer dropped = metrics.droppedMessages();
    if (dropped != null && dropped > 0) {
      return Optional.of(new CloudHint("The conversation outgrew the model's context: its " + dropped + " oldest "
          + (dropped == 1 ? "message was" : "messages were") + " left out of this answer."));
    }
    Double mean = metrics.meanLogprob();
    if (mean == null || !Double.isFinite(mean)) {
      return Optional.empty();
    }
    double[] history = Arrays.stream(usual).filter(Double::isFinite).sorted().toArray();
    double line = history.length >= HISTORY_NEEDED ? history[(int) Math.floor(0.1 * (history.length - 1))]
        : Math.log(FALLBACK_MEAN_PROBABILITY);
    if (mean >= line) {
      return Optional.empty();
    }
    String usualText = history.length >= HISTORY_NEEDED
        ? "; its usual is " + percent(median(history)) : "";
    return Optional.of(new CloudHint("The model was less sure than usual of this answer (its words averaged "
        + percent(mean) + " likely" + usualText + ")."));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String percent(double logprob) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * Math.exp(logprob));
  }
}
