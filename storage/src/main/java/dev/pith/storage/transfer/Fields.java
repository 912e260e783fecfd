package dev.pith.storage.transfer;

/** The field names of the JSON export format, as README.md ("Export and import") documents them. */
final class Fields {
  static final String FORMAT = "format";
  static final String VERSION = "version";
  static final String EXPORTED_AT = "exported_at";
  static final String APP = "app";
  static final String CONVERSATIONS = "conversations";

  static final String ID = "id";
  static final String TITLE = "title";
  static final String CREATED = "created";
  static final String UPDATED = "updated";
  static final String PINNED = "pinned";
  static final String ARCHIVED = "archived";
  static final String MESSAGES = "messages";

  static final String PARENT_ID = "parent_id";
  static final String ROLE = "role";
  static final String CONTENT = "content";
  static final String STATUS = "status";
  static final String ERROR = "error";
  static final String MODEL_ID = "model_id";
  static final String BACKEND = "backend";
  static final String METRICS = "metrics";

  static final String PROMPT_TOKENS = "prompt_tokens";
  static final String GENERATED_TOKENS = "generated_tokens";
  static final String TTFT_MS = "ttft_ms";
  static final String DECODE_TPS = "decode_tps";
  static final String ENERGY_J = "energy_j";
  static final String AVG_WATTS = "avg_watts";
  static final String POWER_SOURCE = "power_source";
  static final String IDLE_WATTS = "idle_watts";
  static final String MEAN_LOGPROB = "mean_logprob";
  static final String MIN_LOGPROB = "min_logprob";
  static final String DROPPED_MESSAGES = "dropped_messages";

  private Fields() {}
}
