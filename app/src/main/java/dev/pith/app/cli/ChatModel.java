package dev.pith.app.cli;

import dev.pith.inference.ChatBackend;
import dev.pith.inference.GenerationSettings;
import dev.pith.inference.power.PowerSampler;

/**
 * The model a chat talks to.
 *
 * @param backend the loaded backend (owned by the command, not by this record)
 * @param id what answers are stored as written by: the model folder's name
 * @param settings the token limit and sampling for every answer
 * @param power the machine's power readings, for each answer's energy (owned by the command)
 */
record ChatModel(ChatBackend backend, String id, GenerationSettings settings, PowerSampler power) {}
